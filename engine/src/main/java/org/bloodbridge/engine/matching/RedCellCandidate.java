package org.bloodbridge.engine.matching;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** A compatible donor for a red-cell request and what its ranking needs. */
public record RedCellCandidate(String donorId, String homeCentre, LocalDate eligibleFrom, boolean aboIdentical) {

    /** Section 5: ABO identical first, then the requesting centre's own donors, earliest eligible, donorId. */
    public static Comparator<RedCellCandidate> order(String requestingCentre) {
        return Comparator.comparing((RedCellCandidate c) -> !c.aboIdentical())
                .thenComparing(c -> !c.homeCentre().equals(requestingCentre))
                .thenComparing(RedCellCandidate::eligibleFrom)
                .thenComparing(RedCellCandidate::donorId);
    }

    public static List<RedCellCandidate> rank(Collection<RedCellCandidate> candidates, String requestingCentre) {
        return candidates.stream().sorted(order(requestingCentre)).toList();
    }
}
