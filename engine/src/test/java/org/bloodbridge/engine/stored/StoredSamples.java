package org.bloodbridge.engine.stored;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bloodbridge.engine.donor.Donation;
import org.bloodbridge.engine.donor.Donor;
import org.bloodbridge.engine.donor.DonorEntity;
import org.bloodbridge.engine.donor.DonorEvent;
import org.bloodbridge.engine.donor.Profile;
import org.bloodbridge.engine.donor.RecordedDeferral;
import org.bloodbridge.engine.donor.RecordedTestResult;
import org.bloodbridge.engine.donor.Reservation;
import org.bloodbridge.engine.donor.SealedText;
import org.bloodbridge.engine.donor.Typing;
import org.bloodbridge.engine.eligibility.Deferral;
import org.bloodbridge.engine.eligibility.DonationType;
import org.bloodbridge.engine.eligibility.Marker;
import org.bloodbridge.engine.eligibility.TestOutcome;
import org.bloodbridge.engine.eligibility.TestResult;
import org.bloodbridge.engine.identity.IdType;
import org.bloodbridge.engine.identity.Sex;
import org.bloodbridge.engine.query.MatchCriteria;
import org.bloodbridge.engine.query.Patient;
import org.bloodbridge.engine.query.Product;
import org.bloodbridge.engine.query.Urgency;
import org.bloodbridge.engine.request.Allocation;
import org.bloodbridge.engine.request.Candidate;
import org.bloodbridge.engine.request.CandidateState;
import org.bloodbridge.engine.request.MatchRequest;
import org.bloodbridge.engine.request.MatchRequestEntity;
import org.bloodbridge.engine.request.MatchRequestEvent;
import org.bloodbridge.engine.request.RequestStatus;
import org.bloodbridge.engine.request.WorkflowEntry;
import org.bloodbridge.engine.typing.Abo;
import org.bloodbridge.engine.typing.RhD;

/**
 * Representative events and snapshots as the journal and snapshot store hold them. The files in
 * {@code serialized-v1/} are these values as serialized before the issue-12 package moves; every
 * later version of the code must read them back as equal to what this class builds.
 */
final class StoredSamples {
    static final String DONOR = "abcdefghijklmnopqrstuvwx";
    static final String REQUEST = "req-0001";
    static final Instant AT = Instant.parse("2026-03-01T08:30:00Z");

    private StoredSamples() {}

    // v1 stored name and phone as plain strings: they read back as legacy SealedText.
    static final Profile PROFILE = new Profile(IdType.CN_RIC, SealedText.legacy("Li Na"),
            SealedText.legacy("+86 138 0000 0000"), Sex.F,
            LocalDate.of(1990, 5, 1), 55, Abo.AB, RhD.NEG);

    static final Typing TYPING = new Typing(
            Map.of("A", List.of("A*02:01", "A*24:02"), "B", List.of("B*40:01", "B*46:01")),
            Map.of("HPA-1", "a/a"), Map.of("D", "-", "K", "-"));

    static final Donation DONATION = new Donation("CD", LocalDate.of(2026, 2, 1), DonationType.PLATELETS_APHERESIS,
            null, 2, "W000026000001");

    static final RecordedTestResult TEST_RESULT = new RecordedTestResult("CQ",
            new TestResult(LocalDate.of(2026, 2, 1), Marker.ALT, TestOutcome.REACTIVE));

    static final RecordedDeferral DEFERRAL = new RecordedDeferral("CD",
            Deferral.temporary(LocalDate.of(2026, 2, 2), LocalDate.of(2026, 3, 2), "travel"));

    static final Patient PATIENT = new Patient("P-77", Sex.M, Abo.A, RhD.POS,
            Map.of("A", List.of("A*02:01"), "B", List.of("B*40:01")), List.of("A24"), List.of("HPA-1a"), List.of(),
            List.of());

    static final MatchCriteria CRITERIA = new MatchCriteria("CD", "West China Hospital", Product.PLATELETS_APHERESIS, 2,
            Urgency.URGENT, LocalDate.of(2026, 3, 3), PATIENT, 20, 3000);

    static final Candidate CANDIDATE = new Candidate(1, DONOR, "CD", "A", List.of("A2", "B60"), List.of(),
            List.of("A24"), "IDENTICAL", true, true, LocalDate.of(2026, 3, 1), CandidateState.PROPOSED);

    static final Donor DONOR_STATE = new Donor(DONOR, "CD", AT, PROFILE, TYPING, List.of(DONATION),
            List.of(TEST_RESULT), List.of(DEFERRAL), Set.of("CD", "CQ"), AT, AT.plusSeconds(60),
            new Reservation(REQUEST, "CD", AT.plusSeconds(120)));

    static final MatchRequest REQUEST_STATE = new MatchRequest(REQUEST, CRITERIA, AT, RequestStatus.ALLOCATED,
            List.of(new Candidate(1, DONOR, "CD", "A", List.of("A2", "B60"), List.of(), List.of("A24"), "IDENTICAL",
                    true, true, LocalDate.of(2026, 3, 1), CandidateState.ACCEPTED)),
            List.of("CD", "CQ"), List.of("SC"), List.of(new Allocation(DONOR, "CD", "CD", AT.plusSeconds(300))),
            List.of(new WorkflowEntry("CREATED", "CD", null, AT, null, null),
                    new WorkflowEntry("ALLOCATED", "CD", null, AT.plusSeconds(300), DONOR, "collect at 9")));

    /** Every sample by the name of its file. */
    static Map<String, Object> all() {
        Map<String, Object> samples = new LinkedHashMap<>();
        samples.put("donor-registered", new DonorEvent.Registered(DONOR, "CD", "CD", AT, PROFILE, TYPING, null));
        samples.put("donor-updated", new DonorEvent.Updated(DONOR, "CD", "CQ", AT,
                new DonorEvent.ProfileChanges(SealedText.legacy("Li Na"), null, 60, Abo.O, RhD.POS),
                new Typing.TypingChanges(Map.of("C", List.of("C*01:02")), null, Map.of("E", "+")), null));
        samples.put("donor-updated-empty", new DonorEvent.Updated(DONOR, "CD", "CD", AT,
                new DonorEvent.ProfileChanges(null, SealedText.legacy("123"), null, null, null), new Typing.TypingChanges(null, null, null), null));
        samples.put("donor-donation-recorded", new DonorEvent.DonationRecorded(DONOR, "CD", "CD", AT, DONATION, null));
        samples.put("donor-test-result-recorded", new DonorEvent.TestResultRecorded(DONOR, "CD", "CQ", AT, TEST_RESULT, null));
        samples.put("donor-deferral-recorded", new DonorEvent.DeferralRecorded(DONOR, "CD", "CD", AT, DEFERRAL, null));
        samples.put("donor-history-imported", new DonorEvent.HistoryImported(DONOR, "CD", "CQ", AT, List.of(DONATION),
                List.of(TEST_RESULT), List.of(new RecordedDeferral("CQ", Deferral.permanent(LocalDate.of(2020, 1, 1), "HIV"))), null));
        samples.put("donor-reserved", new DonorEvent.Reserved(DONOR, "CD", "CQ", AT, REQUEST, null));
        samples.put("donor-released", new DonorEvent.Released(DONOR, "CD", "CQ", AT, REQUEST, null));
        samples.put("donor-snapshot", new DonorEntity.State(DONOR_STATE));
        samples.put("request-created", new MatchRequestEvent.Created(REQUEST, "CD", AT, CRITERIA, List.of(CANDIDATE),
                List.of("CD", "CQ"), List.of("SC"), null));
        samples.put("request-created-red-cells", new MatchRequestEvent.Created("req-0002", "CQ", AT,
                new MatchCriteria("CQ", "Chongqing General", Product.RED_CELLS, 1, Urgency.ROUTINE, LocalDate.of(2026, 3, 9),
                        new Patient("P-9", null, Abo.AB, RhD.NEG, null, null, null, List.of("K"), List.of("E")), 5, 2000),
                List.of(new Candidate(1, DONOR, "CD", null, List.of(), List.of(), List.of(), "COMPATIBLE", false, false,
                        LocalDate.of(2026, 3, 2), CandidateState.PROPOSED)),
                List.of("CQ"), List.of(), null));
        samples.put("request-candidate-moved", new MatchRequestEvent.CandidateMoved(REQUEST, "CQ", AT, DONOR,
                CandidateState.CONTACTED, "phoned", null));
        samples.put("request-allocated", new MatchRequestEvent.Allocated(REQUEST, "CD", AT, DONOR, "CD", "collect at 9", null));
        samples.put("request-fulfilled", new MatchRequestEvent.Fulfilled(REQUEST, "CD", AT, null, null));
        samples.put("request-cancelled", new MatchRequestEvent.Cancelled(REQUEST, "CD", AT, "patient discharged", null));
        samples.put("request-snapshot", new MatchRequestEntity.State(REQUEST_STATE));
        return samples;
    }
}
