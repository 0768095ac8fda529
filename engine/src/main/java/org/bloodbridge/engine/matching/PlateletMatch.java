package org.bloodbridge.engine.matching;

import java.util.List;

/**
 * One donor against a platelet request, for people: the grade label and the donor's HLA-A/-B
 * antigens by relation to the patient ({@code B?} stands for a typed slot whose antigen has no
 * serological equivalent), the ABO class and flags; or, for an excluded donor, the reasons.
 * {@code dsaMfi} sums the MFI of the below-cut-off antibodies ({@code dsaAntibodies}) whose antigen
 * the donor carries (domain-rules.md section 7); {@code dsaWarning} when it reaches the warning sum.
 */
public record PlateletMatch(boolean excluded, List<String> exclusionReasons, String grade, List<String> identical,
                            List<String> crossReactive, List<String> mismatched, AboClass abo, boolean rhdWarning,
                            boolean hlaCUntyped, int dsaMfi, boolean dsaWarning, List<String> dsaAntibodies) {

    static PlateletMatch excluded(List<String> reasons) {
        return new PlateletMatch(true, reasons, null, List.of(), List.of(), List.of(), null, false, false, 0, false,
                List.of());
    }
}
