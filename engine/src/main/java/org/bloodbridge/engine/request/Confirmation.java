package org.bloodbridge.engine.request;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bloodbridge.engine.InvalidField;
import org.bloodbridge.engine.donor.Donor;
import org.bloodbridge.engine.eligibility.EligibilityResult;
import org.bloodbridge.engine.eligibility.RuleSet;
import org.bloodbridge.engine.matching.DonorMatchProfile;
import org.bloodbridge.engine.matching.PlateletCandidate;
import org.bloodbridge.engine.matching.PlateletMatch;
import org.bloodbridge.engine.matching.PlateletRequest;
import org.bloodbridge.engine.matching.RedCellCandidate;
import org.bloodbridge.engine.matching.RedCellRequest;
import org.bloodbridge.engine.matching.Response;
import org.bloodbridge.engine.outcome.PatientOutcomes;
import org.bloodbridge.engine.outcome.TransfusionOutcome;
import org.bloodbridge.engine.query.MatchCriteria;
import org.bloodbridge.engine.query.MatchQuery;
import org.bloodbridge.engine.typing.Abo;
import org.bloodbridge.engine.typing.Locus;
import org.bloodbridge.engine.typing.RhD;
import org.bloodbridge.engine.typing.TypingTables;

/**
 * How a match request re-confirms the donors the pools proposed, from their DonorEntity's current
 * state (the pool index may lag the entity, and a deferral must never be missed), and ranks them.
 */
final class Confirmation {
    private final MatchCriteria criteria;
    private final TypingTables tables;
    private final PlateletRequest platelets;
    private final RedCellRequest redCells;
    private final PatientOutcomes patient;

    private Confirmation(MatchQuery query, PatientOutcomes patient) {
        this.patient = patient;
        this.criteria = query.criteria();
        this.tables = query.tables();
        this.platelets = query.platelets();
        this.redCells = query.redCells();
    }

    /**
     * The donors that still qualify for {@code query}, judged on their current state, ranked
     * (domain-rules.md sections 4 and 5), at most {@code maxCandidates}. A donor held by another
     * request, not eligible on the needed-by date, excluded by the patient's antibodies or no longer
     * compatible is dropped. Platelet candidates are ranked with the patient's memory
     * ({@code patient}: earlier outcomes) and show their earlier CCI.
     */
    static List<Candidate> confirm(MatchQuery query, List<Donor> donors, String requestId, RuleSet rules, LocalDate today,
            PatientOutcomes patient) {
        return new Confirmation(query, patient).confirm(donors, requestId, rules, today);
    }

    static List<Candidate> confirm(MatchQuery query, List<Donor> donors, String requestId, RuleSet rules, LocalDate today) {
        return confirm(query, donors, requestId, rules, today, PatientOutcomes.NONE);
    }

    private List<Candidate> confirm(List<Donor> donors, String requestId, RuleSet rules, LocalDate today) {
        List<Qualified> qualified = new ArrayList<>();
        for (Donor donor : donors) {
            if (donor.reservation() != null && !donor.reservation().requestId().equals(requestId)) {
                continue;
            }
            if (!donor.eligibility(rules, criteria.product().donationType(), criteria.neededBy()).eligible()) {
                continue;
            }
            try {
                qualified.add(new Qualified(donor,
                        tables.interpret(donor.typing().hla(), donor.typing().hpa(), donor.typing().redCell()),
                        donor.profile().abo(), donor.profile().rhD(),
                        eligibleFrom(donor.eligibility(rules, criteria.product().donationType(), today), today)));
            } catch (InvalidField | IllegalArgumentException e) { // typing the tables in force no longer read: not a candidate
            }
        }
        return platelets != null ? rankPlatelets(qualified) : rankRedCells(qualified);
    }

    /** A donor eligible and free for this request, its typing read. */
    private record Qualified(Donor donor, TypingTables.Interpreted typing, Abo abo, RhD rhD, LocalDate eligibleFrom) {}

    private List<Candidate> rankPlatelets(List<Qualified> qualified) {
        Map<String, PlateletMatch> matches = new HashMap<>();
        List<PlateletCandidate> compatible = new ArrayList<>();
        for (Qualified q : qualified) {
            if (!q.typing().hla().typed(Locus.A) || !q.typing().hla().typed(Locus.B)) {
                continue; // not on the PLATELET panel
            }
            DonorMatchProfile profile = DonorMatchProfile.of(q.typing().hla(), q.typing().hpa(), q.abo(), q.rhD());
            var candidate = new PlateletCandidate(q.donor().donorId(), q.donor().homeCentre(), q.eligibleFrom(),
                    platelets.evaluate(profile), platelets.dsaMfi(profile));
            if (!candidate.excluded()) {
                compatible.add(candidate);
                matches.put(candidate.donorId(), platelets.explain(q.typing().hla(), profile));
            }
        }
        Map<String, Response> responses = patient.responses();
        List<PlateletCandidate> ranked = PlateletCandidate.rank(compatible, criteria.requestingCentre(), responses);
        List<Candidate> candidates = new ArrayList<>();
        for (PlateletCandidate p : ranked.subList(0, Math.min(ranked.size(), criteria.maxCandidates()))) {
            PlateletMatch match = matches.get(p.donorId());
            EarlierCci earlier = patient.latest(p.donorId()).map(Confirmation::earlierCci).orElse(null);
            candidates.add(new Candidate(candidates.size() + 1, p.donorId(), p.homeCentre(), match.grade(),
                    match.identical(), match.crossReactive(), match.mismatched(), match.abo().name(),
                    match.rhdWarning(), match.hlaCUntyped(), p.eligibleFrom(), CandidateState.PROPOSED, match.dsaMfi(),
                    match.dsaWarning(), match.dsaAntibodies(), earlier, responses.get(p.donorId()) == Response.POOR));
        }
        return candidates;
    }

    private static EarlierCci earlierCci(TransfusionOutcome o) {
        return new EarlierCci(o.cci(), o.transfusedAt(), o.postHours(), o.requestId());
    }

    private List<Candidate> rankRedCells(List<Qualified> qualified) {
        List<RedCellCandidate> compatible = qualified.stream()
                .filter(q -> redCells.compatible(q.abo(), q.rhD(), q.typing().redCell()))
                .map(q -> new RedCellCandidate(q.donor().donorId(), q.donor().homeCentre(), q.eligibleFrom(),
                        redCells.aboIdentical(q.abo())))
                .toList();
        List<Candidate> candidates = new ArrayList<>();
        for (RedCellCandidate r : RedCellCandidate.rank(compatible, criteria.requestingCentre())) {
            if (candidates.size() == criteria.maxCandidates()) {
                break;
            }
            candidates.add(new Candidate(candidates.size() + 1, r.donorId(), r.homeCentre(), null, List.of(), List.of(),
                    List.of(), r.aboIdentical() ? "IDENTICAL" : "COMPATIBLE", false, false, r.eligibleFrom(),
                    CandidateState.PROPOSED));
        }
        return candidates;
    }

    /** The first day from {@code today} the donor may give: today, or the date the rules name. */
    static LocalDate eligibleFrom(EligibilityResult onToday, LocalDate today) {
        return onToday.eligible() || onToday.nextEligibleDate() == null ? today : onToday.nextEligibleDate();
    }
}
