package org.bloodbridge.engine.donor;

import java.time.Instant;
import java.util.List;
import org.bloodbridge.engine.CborSerializable;
import org.bloodbridge.engine.donor.Typing.TypingChanges;
import org.bloodbridge.engine.typing.Abo;
import org.bloodbridge.engine.typing.RhD;

/**
 * Everything that happens to a donor. Every event names the acting {@code centre} and when it was
 * recorded ({@code at}), which is what the audit trail will read; {@code homeCentre} is carried so
 * events can be tagged per home centre without the entity's state.
 */
public sealed interface DonorEvent extends CborSerializable {
    String donorId();

    String homeCentre();

    String centre();

    Instant at();

    record Registered(String donorId, String homeCentre, String centre, Instant at, Profile profile, Typing typing)
            implements DonorEvent {}

    /** A PATCH: null profile fields are unchanged. */
    record Updated(String donorId, String homeCentre, String centre, Instant at, ProfileChanges profile, TypingChanges typing)
            implements DonorEvent {}

    record DonationRecorded(String donorId, String homeCentre, String centre, Instant at, Donation donation)
            implements DonorEvent {}

    record TestResultRecorded(String donorId, String homeCentre, String centre, Instant at, RecordedTestResult result)
            implements DonorEvent {}

    record DeferralRecorded(String donorId, String homeCentre, String centre, Instant at, RecordedDeferral deferral)
            implements DonorEvent {}

    /**
     * One import line's history, recorded as past fact in one event (one journal row, rather than
     * one per record: import speed is bound by rows written). {@code centre} is the importing
     * centre; each record names its own.
     */
    record HistoryImported(String donorId, String homeCentre, String centre, Instant at, List<Donation> donations,
            List<RecordedTestResult> testResults, List<RecordedDeferral> deferrals) implements DonorEvent {}

    /** Allocated to an open match request ({@code centre} allocated it); held until {@link Released}. */
    record Reserved(String donorId, String homeCentre, String centre, Instant at, String requestId) implements DonorEvent {}

    /** The match request was fulfilled or cancelled. */
    record Released(String donorId, String homeCentre, String centre, Instant at, String requestId) implements DonorEvent {}

    /**
     * The donor's name and phone were erased on request ({@code centre} asked). Their ciphertext
     * stays in earlier events but its key is destroyed; the state holds neither from here on, so
     * later snapshots carry none. The pseudonymous history stays.
     */
    record PersonalDataErased(String donorId, String homeCentre, String centre, Instant at) implements DonorEvent {}

    /** The mutable profile fields of a PATCH; null means not given. */
    record ProfileChanges(SealedText name, SealedText phone, Integer weightKg, Abo abo, RhD rhD) {}
}
