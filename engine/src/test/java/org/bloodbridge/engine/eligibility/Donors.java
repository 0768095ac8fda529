package org.bloodbridge.engine.eligibility;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.bloodbridge.engine.identity.Sex;

/** Test fixtures: the shipped rule sets and a builder for donor histories. */
final class Donors {
    static final RuleSet CN = RuleSets.fromConfig(ConfigFactory.defaultReference()).get("CN-GB18467-2011");
    static final RuleSet US = RuleSets.fromConfig(ConfigFactory.defaultReference()).get("US-FDA");

    private LocalDate birthDate = LocalDate.parse("1990-05-01");
    private Sex sex = Sex.M;
    private Integer weightKg = 62;
    private final List<PastDonation> donations = new ArrayList<>();
    private final List<Deferral> deferrals = new ArrayList<>();
    private final List<TestResult> testResults = new ArrayList<>();

    /** A man born 1990-05-01 weighing 62 kg, with no history: eligible for anything in 2026. */
    static Donors donor() {
        return new Donors();
    }

    Donors born(String date) {
        birthDate = LocalDate.parse(date);
        return this;
    }

    Donors sex(Sex value) {
        sex = value;
        return this;
    }

    Donors weighing(Integer kg) {
        weightKg = kg;
        return this;
    }

    Donors donated(String date, DonationType type) {
        donations.add(new PastDonation(LocalDate.parse(date), type));
        return this;
    }

    Donors deferred(Deferral deferral) {
        deferrals.add(deferral);
        return this;
    }

    Donors tested(String date, Marker marker, TestOutcome outcome) {
        testResults.add(new TestResult(LocalDate.parse(date), marker, outcome));
        return this;
    }

    DonorHistory history() {
        return new DonorHistory(birthDate, sex, weightKg, donations, deferrals, testResults);
    }

    EligibilityResult check(RuleSet rules, DonationType type, String date) {
        return Eligibility.evaluate(rules, history(), type, LocalDate.parse(date));
    }

    /**
     * Asserts the whole answer: eligible exactly when no codes are expected, the reason codes in
     * order, and the next eligible date (null when not time-bound).
     */
    static void assertAnswer(EligibilityResult result, LocalDate nextEligibleDate, ReasonCode... codes) {
        assertEquals(List.of(codes), result.reasons().stream().map(Reason::code).toList(), () -> "reasons " + result.reasons());
        assertEquals(codes.length == 0, result.eligible(), "eligible");
        assertEquals(nextEligibleDate, result.nextEligibleDate(), "nextEligibleDate");
    }

    /** For a boundary table: on {@code clearsOn} the donor is eligible; on an earlier date only {@code code} blocks, until then. */
    static void assertClearsOn(EligibilityResult result, LocalDate date, LocalDate clearsOn, ReasonCode code) {
        if (date.equals(clearsOn)) {
            assertAnswer(result, clearsOn);
        } else {
            assertAnswer(result, clearsOn, code);
        }
    }
}
