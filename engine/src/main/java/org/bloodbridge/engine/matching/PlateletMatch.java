package org.bloodbridge.engine.matching;

import java.util.List;

/**
 * One donor against a platelet request, for people: the grade label and the donor's HLA-A/-B
 * antigens by relation to the patient ({@code B?} stands for a typed slot whose antigen has no
 * serological equivalent), the ABO class and flags; or, for an excluded donor, the reasons.
 */
public record PlateletMatch(boolean excluded, List<String> exclusionReasons, String grade, List<String> identical,
                            List<String> crossReactive, List<String> mismatched, AboClass abo, boolean rhdWarning,
                            boolean hlaCUntyped) {

    static PlateletMatch excluded(List<String> reasons) {
        return new PlateletMatch(true, reasons, null, List.of(), List.of(), List.of(), null, false, false);
    }
}
