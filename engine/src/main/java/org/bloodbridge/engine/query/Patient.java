package org.bloodbridge.engine.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Map;
import org.bloodbridge.engine.identity.Sex;
import org.bloodbridge.engine.typing.Abo;
import org.bloodbridge.engine.typing.RhD;

/**
 * The patient a match request is for, as the hospital reported them. {@code reference} is the
 * hospital's own patient reference, never a national ID. {@code sex}, {@code abo} and {@code rhD}
 * may be null (unknown); lists are never null.
 * <p>
 * {@code hlaAntibodyMfi} gives the MFI of each HLA antibody by index (domain-rules.md section 7): it
 * is empty when every antibody was given by name (as in events written before antibody strength),
 * and otherwise as long as {@code hlaAntibodies}, with null for an antibody given by name only.
 */
public record Patient(String reference, Sex sex, Abo abo, RhD rhD, Map<String, List<String>> hla,
                      List<String> hlaAntibodies, List<String> hpaAntibodies, List<String> redCellAntibodies,
                      List<String> requiredRedCellNegative,
                      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Integer> hlaAntibodyMfi) {
    public Patient {
        hla = hla == null ? Map.of() : Map.copyOf(hla);
        hlaAntibodies = hlaAntibodies == null ? List.of() : List.copyOf(hlaAntibodies);
        hlaAntibodyMfi = hlaAntibodyMfi == null || hlaAntibodyMfi.stream().allMatch(Objects::isNull)
                ? List.of() : Collections.unmodifiableList(new ArrayList<>(hlaAntibodyMfi));
        if (!hlaAntibodyMfi.isEmpty() && hlaAntibodyMfi.size() != hlaAntibodies.size()) {
            throw new IllegalArgumentException("hlaAntibodyMfi has " + hlaAntibodyMfi.size() + " entries for "
                    + hlaAntibodies.size() + " antibodies");
        }
        hpaAntibodies = hpaAntibodies == null ? List.of() : List.copyOf(hpaAntibodies);
        redCellAntibodies = redCellAntibodies == null ? List.of() : List.copyOf(redCellAntibodies);
        requiredRedCellNegative = requiredRedCellNegative == null ? List.of() : List.copyOf(requiredRedCellNegative);
    }

    /** Every HLA antibody given by name (each excludes). */
    public Patient(String reference, Sex sex, Abo abo, RhD rhD, Map<String, List<String>> hla,
                   List<String> hlaAntibodies, List<String> hpaAntibodies, List<String> redCellAntibodies,
                   List<String> requiredRedCellNegative) {
        this(reference, sex, abo, rhD, hla, hlaAntibodies, hpaAntibodies, redCellAntibodies, requiredRedCellNegative,
                List.of());
    }
}
