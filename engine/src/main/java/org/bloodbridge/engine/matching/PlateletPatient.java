package org.bloodbridge.engine.matching;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.bloodbridge.engine.identity.Sex;
import org.bloodbridge.engine.typing.Abo;
import org.bloodbridge.engine.typing.RhD;

/**
 * The patient side of a platelet match request, as received.
 *
 * @param hla HLA-A/-B (and optionally -C) antigens, serology or alleles, as in a donor typing
 * @param hlaAntibodies serological antigens ({@code B7}, {@code A9}, {@code Cw1}) and {@code Bw4}/{@code Bw6}
 * @param hlaAntibodyMfi the MFI of each of {@code hlaAntibodies}, by index (section 7): empty, or as long
 *     as {@code hlaAntibodies}; a null entry (an antibody given by name only) excludes like one at or
 *     above the cut-off
 * @param hpaAntibodies HPA antigens such as {@code HPA-1a}
 * @param abo may be null (untyped); so may {@code rhD} and {@code sex}
 */
public record PlateletPatient(Map<String, List<String>> hla, List<String> hlaAntibodies, List<Integer> hlaAntibodyMfi,
                              List<String> hpaAntibodies, Abo abo, RhD rhD, Sex sex) {

    public PlateletPatient {
        hla = hla == null ? Map.of() : hla;
        hlaAntibodies = hlaAntibodies == null ? List.of() : List.copyOf(hlaAntibodies);
        hlaAntibodyMfi = hlaAntibodyMfi == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(hlaAntibodyMfi));
        if (!hlaAntibodyMfi.isEmpty() && hlaAntibodyMfi.size() != hlaAntibodies.size()) {
            throw new IllegalArgumentException("hlaAntibodyMfi has " + hlaAntibodyMfi.size() + " entries for "
                    + hlaAntibodies.size() + " antibodies");
        }
        hpaAntibodies = hpaAntibodies == null ? List.of() : List.copyOf(hpaAntibodies);
    }

    /** Antibodies by name only: each excludes. */
    public PlateletPatient(Map<String, List<String>> hla, List<String> hlaAntibodies, List<String> hpaAntibodies,
                           Abo abo, RhD rhD, Sex sex) {
        this(hla, hlaAntibodies, List.of(), hpaAntibodies, abo, rhD, sex);
    }

    /** The MFI of antibody {@code i}, or null when it was given by name only. */
    public Integer mfi(int i) {
        return hlaAntibodyMfi.isEmpty() ? null : hlaAntibodyMfi.get(i);
    }
}
