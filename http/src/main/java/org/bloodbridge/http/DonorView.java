package org.bloodbridge.http;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.bloodbridge.engine.donor.Donation;
import org.bloodbridge.engine.donor.Donor;
import org.bloodbridge.engine.eligibility.Deferral;
import org.bloodbridge.engine.eligibility.RuleSet;
import org.bloodbridge.engine.eligibility.TestResult;
import org.bloodbridge.engine.identity.IdType;
import org.bloodbridge.engine.identity.Sex;

/** A donor as the API shows it (never the national ID). */
public record DonorView(
        String donorId,
        String homeCentre,
        IdType idType,
        String name,
        String phone,
        Sex sex,
        LocalDate birthDate,
        Integer weightKg,
        String abo,
        String rhD,
        Map<String, List<String>> hla,
        Map<String, String> hpa,
        Map<String, String> redCell,
        SortedSet<String> centres,
        List<Donation> donations,
        List<TestResultView> testResults,
        List<Deferral> deferrals,
        List<Object> reservations,
        Instant registeredAt) {

    public record TestResultView(String centre, LocalDate date, String marker, String result) {
        static TestResultView of(String centre, TestResult r) {
            return new TestResultView(centre, r.date(), r.marker().name(), r.result().name());
        }
    }

    public static DonorView of(Donor d, RuleSet rules) {
        var p = d.profile();
        var t = d.typing();
        return new DonorView(d.donorId(), d.homeCentre(), p.idType(), p.name(), p.phone(), p.sex(), p.birthDate(),
                p.weightKg(), p.abo(), p.rhD(), t.hla(), t.hpa(), t.redCell(), new TreeSet<>(d.centres()), d.donations(),
                d.testResults().stream().map(r -> TestResultView.of(r.centre(), r.result())).toList(),
                d.allDeferrals(rules), List.of(), d.registeredAt());
    }
}
