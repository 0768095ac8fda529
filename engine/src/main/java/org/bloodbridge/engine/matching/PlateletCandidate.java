package org.bloodbridge.engine.matching;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A donor considered for a platelet request: its {@link Evaluation packed evaluation} and what the
 * ranking needs besides, {@code dsaMfi} ({@link PlateletRequest#dsaMfi}) among it.
 */
public record PlateletCandidate(String donorId, String homeCentre, LocalDate eligibleFrom, int evaluation, int dsaMfi) {

    /** A candidate no below-cut-off antibody hits. */
    public PlateletCandidate(String donorId, String homeCentre, LocalDate eligibleFrom, int evaluation) {
        this(donorId, homeCentre, eligibleFrom, evaluation, 0);
    }

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
     * Sections 4.5 and 7: (m, x, u), dsaMfi ascending, ABO class, RhD flag, the requesting centre's
     * own donors first, earliest eligible date, then donorId so the order is deterministic.
     */
    public static Comparator<PlateletCandidate> order(String requestingCentre) {
        return Comparator.comparing(PlateletCandidate::grade)
                .thenComparingInt(PlateletCandidate::dsaMfi)
                .thenComparing(PlateletCandidate::aboClass)
                .thenComparing(PlateletCandidate::rhdWarning)
                .thenComparing(c -> !c.homeCentre().equals(requestingCentre))
                .thenComparing(PlateletCandidate::eligibleFrom)
                .thenComparing(PlateletCandidate::donorId);
    }

    /**
     * {@link #order} with patient memory: within a grade, donors with a good earlier increment in
     * this patient first and poor responders last; {@code responses} maps donorId to response and
     * holds only donors with an earlier outcome (a handful), so the lookup costs little.
     */
    public static Comparator<PlateletCandidate> order(String requestingCentre, Map<String, Response> responses) {
        if (responses.isEmpty()) {
            return order(requestingCentre);
        }
        return Comparator.comparing(PlateletCandidate::grade)
                .thenComparing(c -> responses.getOrDefault(c.donorId(), Response.UNKNOWN))
                .thenComparing(order(requestingCentre));
    }

    /**
     * The part of the order a pool's scan ranks by, in one long: (m, x, u), dsaMfi, ABO class, RhD
     * flag (then come the eligible date and donorId).
     */
    public static long rankKey(int evaluation, int dsaMfi) {
        // evaluation >> 12: m, x, u in bits 0-10; (evaluation >> 4) & 0xff: ABO class in 4-6, RhD flag in 0.
        return (long) (evaluation >> 12) << 40 | (long) dsaMfi << 8 | (evaluation >> 4) & 0xff;
    }

    /** The candidates in rank order, excluded ones dropped. */
    public static List<PlateletCandidate> rank(Collection<PlateletCandidate> candidates, String requestingCentre) {
        return candidates.stream().filter(c -> !c.excluded()).sorted(order(requestingCentre)).toList();
    }

    /** {@link #rank} with patient memory ({@link #order(String, Map)}). */
    public static List<PlateletCandidate> rank(Collection<PlateletCandidate> candidates, String requestingCentre,
            Map<String, Response> responses) {
        return candidates.stream().filter(c -> !c.excluded()).sorted(order(requestingCentre, responses)).toList();
    }
}
