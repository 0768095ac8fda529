package org.bloodbridge.persistence.personaldata;

import javax.crypto.SecretKey;
import org.bloodbridge.engine.donor.SealedText;

/** One donor's own AES-256 key: seals and opens that donor's name and phone ({@link PersonalDataCipher}). */
public record DonorKey(String donorId, SecretKey key) {

    /** {@code text} sealed as the donor's {@code field} ("name", "phone"); null stays null. */
    public SealedText seal(String field, String text) {
        return text == null ? null : PersonalDataCipher.seal(this, field, text);
    }

    /** The text of {@code sealed}, the donor's {@code field}. */
    public String open(String field, SealedText sealed) {
        return PersonalDataCipher.open(this, field, sealed);
    }

    @Override
    public String toString() {
        return "DonorKey[" + donorId + "]";
    }
}
