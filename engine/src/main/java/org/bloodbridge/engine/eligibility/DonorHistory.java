package org.bloodbridge.engine.eligibility;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.bloodbridge.engine.identity.Sex;

/**
 * Everything the eligibility rules need to know about one donor, gathered from every centre.
 *
 * @param weightKg null when no weight has been recorded
 * @param deferrals manual deferrals only; those a reactive test implies are derived by the rule set
 */
public record DonorHistory(
        LocalDate birthDate,
        Sex sex,
        Integer weightKg,
        List<PastDonation> donations,
        List<Deferral> deferrals,
        List<TestResult> testResults) {

    public DonorHistory {
        Objects.requireNonNull(birthDate, "birthDate");
        Objects.requireNonNull(sex, "sex");
        donations = List.copyOf(donations);
        deferrals = List.copyOf(deferrals);
        testResults = List.copyOf(testResults);
    }
}
