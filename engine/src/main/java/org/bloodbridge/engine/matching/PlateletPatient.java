package org.bloodbridge.engine.matching;

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
 * @param hpaAntibodies HPA antigens such as {@code HPA-1a}
 * @param abo may be null (untyped); so may {@code rhD} and {@code sex}
 */
public record PlateletPatient(Map<String, List<String>> hla, List<String> hlaAntibodies, List<String> hpaAntibodies,
                              Abo abo, RhD rhD, Sex sex) {

    public PlateletPatient {
        hla = hla == null ? Map.of() : hla;
        hlaAntibodies = hlaAntibodies == null ? List.of() : List.copyOf(hlaAntibodies);
        hpaAntibodies = hpaAntibodies == null ? List.of() : List.copyOf(hpaAntibodies);
    }
}
