package org.bloodbridge.engine.donor;

import java.time.Instant;
import java.util.List;
import org.bloodbridge.engine.CborSerializable;
import org.bloodbridge.engine.donor.Typing.TypingChanges;
import org.bloodbridge.engine.lookback.Acknowledgement;
import org.bloodbridge.engine.lookback.Recall;
import org.bloodbridge.engine.typing.Abo;
import org.bloodbridge.engine.typing.RhD;

/**
 * Everything that happens to a donor. Every event names the acting {@code centre}, the acting
 * person ({@code subject}) and when it was recorded ({@code at}); {@code homeCentre} is carried so
 * events can be tagged per home centre without the entity's state.
 */
public sealed interface DonorEvent extends CborSerializable {
    String donorId();

    String homeCentre();

    String centre();

    Instant at();

    /** Who acted: the sign-in's subject ({@code sub}); null in events recorded before sign-in, and for the system's own. */
    String subject();

    record Registered(String donorId, String homeCentre, String centre, Instant at, Profile profile, Typing typing, String subject)
            implements DonorEvent {}

    /** A PATCH: null profile fields are unchanged. */
    record Updated(String donorId, String homeCentre, String centre, Instant at, ProfileChanges profile, TypingChanges typing, String subject)
            implements DonorEvent {}

    record DonationRecorded(String donorId, String homeCentre, String centre, Instant at, Donation donation, String subject)
            implements DonorEvent {}

    record TestResultRecorded(String donorId, String homeCentre, String centre, Instant at, RecordedTestResult result, String subject)
            implements DonorEvent {}

    record DeferralRecorded(String donorId, String homeCentre, String centre, Instant at, RecordedDeferral deferral, String subject)
            implements DonorEvent {}

    /**
     * One import line's history, recorded as past fact in one event (one journal row, rather than
     * one per record: import speed is bound by rows written). {@code centre} is the importing
     * centre; each record names its own.
     */
    record HistoryImported(String donorId, String homeCentre, String centre, Instant at, List<Donation> donations,
            List<RecordedTestResult> testResults, List<RecordedDeferral> deferrals, String subject) implements DonorEvent {}

    /** Allocated to an open match request ({@code centre} allocated it); held until {@link Released}. */
    record Reserved(String donorId, String homeCentre, String centre, Instant at, String requestId, String subject) implements DonorEvent {}

    /** The match request was fulfilled or cancelled. */
    record Released(String donorId, String homeCentre, String centre, Instant at, String requestId, String subject) implements DonorEvent {}

    /**
     * The donor's name and phone were erased on request ({@code centre} asked). Their ciphertext
     * stays in earlier events but its key is destroyed; the state holds neither from here on, so
     * later snapshots carry none. The pseudonymous history stays.
     */
    record PersonalDataErased(String donorId, String homeCentre, String centre, Instant at, String subject) implements DonorEvent {}

    /**
     * A reactive result put earlier donations on their collecting centres' recall lists (look-back,
     * domain-rules section 8). Persisted atomically with the {@link TestResultRecorded} that caused
     * it; holds only recalls the donor did not have yet.
     */
    record RecallsOpened(String donorId, String homeCentre, String centre, Instant at, List<Recall> recalls, String subject)
            implements DonorEvent {}

    /** The collecting centre ({@code centre}) closed one recall. */
    record RecallAcknowledged(String donorId, String homeCentre, String centre, Instant at, String recallId,
            Acknowledgement acknowledgement, String subject) implements DonorEvent {}

    /** The mutable profile fields of a PATCH; null means not given. */
    record ProfileChanges(SealedText name, SealedText phone, Integer weightKg, Abo abo, RhD rhD) {}
}
