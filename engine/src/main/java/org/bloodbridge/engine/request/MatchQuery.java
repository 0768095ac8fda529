package org.bloodbridge.engine.request;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.bloodbridge.engine.InvalidField;
import org.bloodbridge.engine.donor.Donor;
import org.bloodbridge.engine.eligibility.EligibilityResult;
import org.bloodbridge.engine.eligibility.RuleSet;
import org.bloodbridge.engine.matching.DonorMatchProfile;
import org.bloodbridge.engine.matching.PlateletCandidate;
import org.bloodbridge.engine.matching.PlateletMatch;
import org.bloodbridge.engine.matching.PlateletPatient;
import org.bloodbridge.engine.matching.PlateletRequest;
import org.bloodbridge.engine.matching.RedCellCandidate;
import org.bloodbridge.engine.matching.RedCellRequest;
import org.bloodbridge.engine.typing.Abo;
import org.bloodbridge.engine.typing.Locus;
import org.bloodbridge.engine.typing.RhD;
import org.bloodbridge.engine.typing.TypingTables;

/**
 * A match request's criteria compiled against the reference tables: what a pool scans with, and
 * what the request re-confirms its candidates with, from their DonorEntity's current state (the
 * pool index may lag the entity, and a deferral must never be missed).
 */
public final class MatchQuery {
    private final MatchCriteria criteria;
    private final TypingTables tables;
    private final PlateletRequest platelets;
    private final RedCellRequest redCells;

    private MatchQuery(MatchCriteria criteria, TypingTables tables, PlateletRequest platelets, RedCellRequest redCells) {
        this.criteria = criteria;
        this.tables = tables;
        this.platelets = platelets;
        this.redCells = redCells;
    }

    /** @throws InvalidField naming the patient field at fault (an unknown antigen, a red-cell request naming nothing) */
    public static MatchQuery compile(MatchCriteria criteria, TypingTables tables) {
        Patient p = criteria.patient();
        if (criteria.product() == Product.PLATELETS_APHERESIS) {
            PlateletPatient patient = new PlateletPatient(p.hla(), p.hlaAntibodies(), p.hpaAntibodies(), p.abo(), p.rhD(), p.sex());
            return new MatchQuery(criteria, tables, PlateletRequest.compile(tables.hla(), tables.crossReactiveGroups(), patient), null);
        }
        RedCellRequest redCells = RedCellRequest.compile(p.abo(), p.rhD(), p.redCellAntibodies(), p.requiredRedCellNegative(),
                tables.redCells());
        if (redCells.mustBeNegative() == 0 && !redCells.rhdNegativeOnly()) {
            throw new InvalidField("patient.requiredRedCellNegative", "a RED_CELLS request searches rare phenotypes: name "
                    + "the antigens the donor must lack (here or in redCellAntibodies), or give an RhD-negative patient");
        }
        return new MatchQuery(criteria, tables, null, redCells);
    }

    public MatchCriteria criteria() {
        return criteria;
    }

    /** Null for a red-cell request. */
    public PlateletRequest platelets() {
        return platelets;
    }

    /** Null for a platelet request. */
    public RedCellRequest redCells() {
        return redCells;
    }

    /**
     * The donors that still qualify, judged on their current state, ranked (domain-rules.md sections
     * 4 and 5), at most {@code maxCandidates}. A donor held by another request, not eligible on the
     * needed-by date, excluded by the patient's antibodies or no longer compatible is dropped.
     */
    public List<Candidate> confirm(List<Donor> donors, String requestId, RuleSet rules, LocalDate today) {
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
                        enumOrNull(Abo::valueOf, donor.profile().abo()), enumOrNull(RhD::valueOf, donor.profile().rhD()),
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
                    platelets.evaluate(profile));
            if (!candidate.excluded()) {
                compatible.add(candidate);
                matches.put(candidate.donorId(), platelets.explain(q.typing().hla(), profile));
            }
        }
        List<PlateletCandidate> ranked = PlateletCandidate.rank(compatible, criteria.requestingCentre());
        List<Candidate> candidates = new ArrayList<>();
        for (PlateletCandidate p : ranked.subList(0, Math.min(ranked.size(), criteria.maxCandidates()))) {
            PlateletMatch match = matches.get(p.donorId());
            candidates.add(new Candidate(candidates.size() + 1, p.donorId(), p.homeCentre(), match.grade(),
                    match.identical(), match.crossReactive(), match.mismatched(), match.abo().name(),
                    match.rhdWarning(), match.hlaCUntyped(), p.eligibleFrom(), CandidateState.PROPOSED));
        }
        return candidates;
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

    private static <E> E enumOrNull(Function<String, E> valueOf, String name) {
        return name == null ? null : valueOf.apply(name);
    }
}
