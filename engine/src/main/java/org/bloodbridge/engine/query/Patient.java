package org.bloodbridge.engine.query;

import java.util.List;
import java.util.Map;
import org.bloodbridge.engine.identity.Sex;
import org.bloodbridge.engine.typing.Abo;
import org.bloodbridge.engine.typing.RhD;

/**
 * The patient a match request is for, as the hospital reported them. {@code reference} is the
 * hospital's own patient reference, never a national ID. {@code sex}, {@code abo} and {@code rhD}
 * may be null (unknown); lists are never null.
 */
public record Patient(String reference, Sex sex, Abo abo, RhD rhD, Map<String, List<String>> hla,
                      List<String> hlaAntibodies, List<String> hpaAntibodies, List<String> redCellAntibodies,
                      List<String> requiredRedCellNegative) {
    public Patient {
        hla = hla == null ? Map.of() : Map.copyOf(hla);
        hlaAntibodies = hlaAntibodies == null ? List.of() : List.copyOf(hlaAntibodies);
        hpaAntibodies = hpaAntibodies == null ? List.of() : List.copyOf(hpaAntibodies);
        redCellAntibodies = redCellAntibodies == null ? List.of() : List.copyOf(redCellAntibodies);
        requiredRedCellNegative = requiredRedCellNegative == null ? List.of() : List.copyOf(requiredRedCellNegative);
    }
}
