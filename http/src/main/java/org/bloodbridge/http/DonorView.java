package org.bloodbridge.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.bloodbridge.engine.donor.Donation;
import org.bloodbridge.engine.donor.Donor;
import org.bloodbridge.engine.donor.Reservation;
import org.bloodbridge.engine.eligibility.Deferral;
import org.bloodbridge.engine.eligibility.RuleSet;
import org.bloodbridge.engine.eligibility.TestResult;
import org.bloodbridge.engine.identity.IdType;
import org.bloodbridge.engine.identity.Sex;
import org.bloodbridge.engine.typing.Abo;
import org.bloodbridge.engine.typing.Panel;
import org.bloodbridge.engine.typing.RhD;
import org.bloodbridge.engine.typing.TypingTables;
import org.bloodbridge.http.access.Caller;

/**
 * A donor as the API shows it (never the national ID): typing as given, and what it means
 * ({@code antigens}, {@code bw}, {@code panels}) read against the reference tables in force.
 */
public record DonorView(
        String donorId,
        String homeCentre,
        IdType idType,
        @JsonInclude(JsonInclude.Include.NON_NULL) String name, // absent when not given or erased
        @JsonInclude(JsonInclude.Include.NON_NULL) String phone,
        Sex sex,
        LocalDate birthDate,
        Integer weightKg,
        Abo abo,
        RhD rhD,
        Map<String, List<String>> hla,
        Map<String, String> hpa,
        Map<String, String> redCell,
        Map<String, List<String>> antigens,
        List<String> bw,
        Set<Panel> panels,
        SortedSet<String> centres,
        List<Donation> donations,
        List<TestResultView> testResults,
        List<DeferralView> deferrals,
        List<Reservation> reservations, // at most one: the open match request the donor is allocated to
        Instant registeredAt) {

    /** A test result; the marker only for callers of the testing centre (api-v1 "Access"). */
    public record TestResultView(String centre, LocalDate date, @JsonInclude(JsonInclude.Include.NON_NULL) String marker,
                                 String result) {
        static TestResultView of(String centre, TestResult r, Caller caller) {
            return new TestResultView(centre, r.date(), caller.actsFor(centre) ? r.marker().name() : null, r.result().name());
        }
    }

    /** A deferral; its reason only for callers of the centre that recorded it (or tested). */
    public record DeferralView(LocalDate from, LocalDate until, boolean permanent,
                               @JsonInclude(JsonInclude.Include.NON_NULL) String reason, String centre) {
        static DeferralView of(Deferral d, Caller caller) {
            return new DeferralView(d.from(), d.until(), d.permanent(),
                    d.centre() == null || caller.actsFor(d.centre()) ? d.reason() : null, d.centre());
        }
    }

    /**
     * @param personal the donor's name and phone as the caller may see them ({@link PersonalData#view})
     * @param caller who asks: other centres' test markers and deferral reasons are withheld
     */
    static DonorView of(Donor d, RuleSet rules, TypingTables tables, PersonalText personal, Caller caller) {
        var p = d.profile();
        var t = d.typing();
        var interpreted = tables.interpret(t.hla(), t.hpa(), t.redCell());
        var panels = interpreted.panels(p.rhD(), tables.rarePatterns());
        return new DonorView(d.donorId(), d.homeCentre(), p.idType(), personal.name(), personal.phone(), p.sex(), p.birthDate(),
                p.weightKg(), p.abo(), p.rhD(), t.hla(), t.hpa(), t.redCell(), interpreted.hla().antigens(),
                interpreted.hla().bw(), panels, new TreeSet<>(d.centres()), d.donations(),
                d.testResults().stream().map(r -> TestResultView.of(r.centre(), r.result(), caller)).toList(),
                d.allDeferrals(rules).stream().map(f -> DeferralView.of(f, caller)).toList(), d.reservation() == null ? List.of() : List.of(d.reservation()), d.registeredAt());
    }
}
