package org.bloodbridge.http;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.bloodbridge.engine.donor.Donor;
import org.bloodbridge.engine.donor.SealedText;
import org.bloodbridge.engine.eligibility.RuleSet;
import org.bloodbridge.engine.typing.TypingTables;
import org.bloodbridge.persistence.personaldata.DonorKey;
import org.bloodbridge.persistence.personaldata.PersonalDataKeys;
import org.bloodbridge.http.access.Caller;

/**
 * Where the API meets the donors' keys: a request's name and phone are sealed with the donor's
 * key before any command carries them to the DonorEntity, and opened again only to build the
 * donor's JSON. Once the key is destroyed they open as absent, never as an error.
 */
final class PersonalData {
    static final String NAME = "name";
    static final String PHONE = "phone";

    /** Name and phone sealed for one donor; null where nothing was given. */
    record Sealed(SealedText name, SealedText phone) {}

    private final PersonalDataKeys keys;

    PersonalData(PersonalDataKeys keys) {
        this.keys = keys;
    }

    /** {@code text} sealed with the donor's key, created on first use; no key is touched when there is no text. */
    CompletionStage<Sealed> seal(String donorId, PersonalText text) {
        if (text.isEmpty()) {
            return CompletableFuture.completedFuture(new Sealed(null, null));
        }
        return keys.findOrCreate(donorId).thenApply(key -> sealed(key, text));
    }

    /**
     * As {@link #seal}, for a donor who is most likely new (a registration, an import line): the key
     * is created at once, without looking for one first (one Cassandra request instead of two); an
     * existing key is still the one used.
     */
    CompletionStage<Sealed> sealForNewDonor(String donorId, PersonalText text) {
        if (text.isEmpty()) {
            return CompletableFuture.completedFuture(new Sealed(null, null));
        }
        return keys.createOrFind(donorId).thenApply(key -> sealed(key, text));
    }

    private static Sealed sealed(DonorKey key, PersonalText text) {
        return new Sealed(key.seal(NAME, text.name()), key.seal(PHONE, text.phone()));
    }

    /** The donor's name and phone in the clear; absent once erased. */
    CompletionStage<PersonalText> open(Donor donor) {
        SealedText name = donor.profile().name();
        SealedText phone = donor.profile().phone();
        if (!needsKey(name) && !needsKey(phone)) {
            return CompletableFuture.completedFuture(new PersonalText(open(Optional.empty(), NAME, name),
                    open(Optional.empty(), PHONE, phone)));
        }
        return keys.find(donor.donorId())
                .thenApply(key -> new PersonalText(open(key, NAME, name), open(key, PHONE, phone)));
    }

    /**
     * The donor as {@code caller} may see it: name and phone, opened, only for callers of the
     * donor's home centre and of the collecting centre of the donor's open allocation (api-v1
     * "Access"); for anyone else the key is not even read.
     */
    CompletionStage<DonorView> view(Donor donor, RuleSet rules, TypingTables tables, Caller caller) {
        boolean maySee = caller.actsFor(donor.homeCentre())
                || donor.reservation() != null && caller.actsFor(donor.reservation().centre());
        CompletionStage<PersonalText> text = maySee ? open(donor)
                : CompletableFuture.completedFuture(new PersonalText(null, null));
        return text.thenApply(t -> DonorView.of(donor, rules, tables, t, caller));
    }

    /** Destroys the donor's key: every sealed copy of their name and phone becomes unreadable. */
    CompletionStage<Done> destroyKey(String donorId) {
        return keys.delete(donorId);
    }

    private static boolean needsKey(SealedText text) {
        return text != null && !text.isLegacy();
    }

    private static String open(Optional<DonorKey> key, String field, SealedText text) {
        if (text == null) {
            return null;
        }
        if (text.isLegacy()) {
            return text.plain(); // written before sealing: stored as it is
        }
        if (key.isEmpty()) {
            return null; // erased
        }
        try {
            return key.get().open(field, text);
        } catch (IllegalArgumentException e) {
            // Sealed under an earlier key of this donor, destroyed by an erasure: erased as well.
            return null;
        }
    }
}
