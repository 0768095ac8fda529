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
        List<Deferral> deferrals,
        List<Reservation> reservations, // at most one: the open match request the donor is allocated to
        Instant registeredAt) {

    public record TestResultView(String centre, LocalDate date, String marker, String result) {
        static TestResultView of(String centre, TestResult r) {
            return new TestResultView(centre, r.date(), r.marker().name(), r.result().name());
        }
    }

    /** @param personal the donor's name and phone as the caller may see them ({@link PersonalData#view}) */
    static DonorView of(Donor d, RuleSet rules, TypingTables tables, PersonalText personal) {
        var p = d.profile();
        var t = d.typing();
        var interpreted = tables.interpret(t.hla(), t.hpa(), t.redCell());
        var panels = interpreted.panels(p.rhD(), tables.rarePatterns());
        return new DonorView(d.donorId(), d.homeCentre(), p.idType(), personal.name(), personal.phone(), p.sex(), p.birthDate(),
                p.weightKg(), p.abo(), p.rhD(), t.hla(), t.hpa(), t.redCell(), interpreted.hla().antigens(),
                interpreted.hla().bw(), panels, new TreeSet<>(d.centres()), d.donations(),
                d.testResults().stream().map(r -> TestResultView.of(r.centre(), r.result())).toList(),
                d.allDeferrals(rules), d.reservation() == null ? List.of() : List.of(d.reservation()), d.registeredAt());
    }
}
