package org.bloodbridge.bench.data;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.bloodbridge.engine.identity.Sex;

/**
 * One generated donor: a registration (only centre, nationalId, sex and birthDate are required)
 * with its history, as one {@code POST /api/v1/import} line. Empty maps mean untyped; a null
 * weight means not recorded.
 */
public record SyntheticDonor(String centre, String nationalId, Sex sex, LocalDate birthDate, Integer weightKg,
                             String abo, String rhD, Map<String, List<String>> hla, Map<String, String> hpa,
                             Map<String, String> redCell, LocalDate registeredOn, List<Donation> donations,
                             List<TestResult> testResults, List<Deferral> deferrals) {

    /** In the PLATELET panel: typed for HLA-A and HLA-B. */
    public boolean plateletTyped() {
        return hla.containsKey("A") && hla.containsKey("B");
    }

    /** Matches a default rare pattern: RhD negative, Fy(a-), Jk(a-b-) or Di(b-). */
    public boolean rare() {
        return "NEG".equals(rhD)
                || "-".equals(redCell.get("Fy(a)"))
                || ("-".equals(redCell.get("Jk(a)")) && "-".equals(redCell.get("Jk(b)")))
                || "-".equals(redCell.get("Di(b)"));
    }
}
