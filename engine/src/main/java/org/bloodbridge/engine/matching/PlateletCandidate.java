package org.bloodbridge.engine.matching;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * A donor considered for a platelet request: its {@link Evaluation packed evaluation} and what the
 * ranking needs besides.
 */
public record PlateletCandidate(String donorId, String homeCentre, LocalDate eligibleFrom, int evaluation) {

    public boolean excluded() {
        return Evaluation.excluded(evaluation);
    }

    public HlaGrade grade() {
        return Evaluation.grade(evaluation);
    }

    public AboClass aboClass() {
        return Evaluation.aboClass(evaluation);
    }

    public boolean rhdWarning() {
        return Evaluation.rhdWarning(evaluation);
    }

    /**
     * Section 4.5: (m, x, u), ABO class, RhD flag, the requesting centre's own donors first,
     * earliest eligible date, then donorId so the order is deterministic.
     */
    public static Comparator<PlateletCandidate> order(String requestingCentre) {
        return Comparator.comparing(PlateletCandidate::grade)
                .thenComparing(PlateletCandidate::aboClass)
                .thenComparing(PlateletCandidate::rhdWarning)
                .thenComparing(c -> !c.homeCentre().equals(requestingCentre))
                .thenComparing(PlateletCandidate::eligibleFrom)
                .thenComparing(PlateletCandidate::donorId);
    }

    /** The candidates in rank order, excluded ones dropped. */
    public static List<PlateletCandidate> rank(Collection<PlateletCandidate> candidates, String requestingCentre) {
        return candidates.stream().filter(c -> !c.excluded()).sorted(order(requestingCentre)).toList();
    }
}
