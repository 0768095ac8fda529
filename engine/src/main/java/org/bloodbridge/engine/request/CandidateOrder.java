package org.bloodbridge.engine.request;

import java.util.Comparator;
import org.bloodbridge.engine.matching.AboClass;
import org.bloodbridge.engine.matching.Evaluation;
import org.bloodbridge.engine.matching.HlaGrade;
import org.bloodbridge.engine.matching.PlateletCandidate;
import org.bloodbridge.engine.matching.RedCellCandidate;
import org.bloodbridge.engine.query.Product;

/**
 * The ranking order of domain-rules.md sections 4.5, 5 and 7 over a request's candidates, for a
 * standing request placing a donor who qualified later among those it holds. It is the search's
 * order ({@link PlateletCandidate#order}, {@link RedCellCandidate#order}) applied to what a
 * candidate keeps. A candidate keeps its grade's label only, and {@code B3UX} names two (x, u)
 * tuples, so two candidates of one label are equal on the grade here.
 */
final class CandidateOrder {
    private CandidateOrder() {}

    static Comparator<Candidate> of(MatchRequest request) {
        String centre = request.criteria().requestingCentre();
        if (request.criteria().product() == Product.PLATELETS_APHERESIS) {
            return Comparator.comparing(CandidateOrder::platelet,
                    PlateletCandidate.order(centre, request.patientOutcomes().responses()));
        }
        return Comparator.comparing(CandidateOrder::redCell, RedCellCandidate.order(centre));
    }

    private static PlateletCandidate platelet(Candidate c) {
        int evaluation = Evaluation.of(HlaGrade.firstLabelled(c.grade()), AboClass.valueOf(c.abo()), c.rhdWarning());
        return new PlateletCandidate(c.donorId(), c.centre(), c.eligibleFrom(), evaluation, c.dsaMfi());
    }

    private static RedCellCandidate redCell(Candidate c) {
        return new RedCellCandidate(c.donorId(), c.centre(), c.eligibleFrom(), "IDENTICAL".equals(c.abo()));
    }
}
