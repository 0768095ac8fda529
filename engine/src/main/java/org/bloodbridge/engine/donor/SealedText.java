package org.bloodbridge.engine.donor;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.Objects;

/**
 * A donor's name or phone as events and snapshots hold it: AES-GCM {@code ciphertext} (with its
 * {@code nonce}) under the donor's own key. That key lives outside the journal, so destroying it
 * erases the text from every stored copy at once. The engine only carries this value; it never
 * sees a key (sealing and opening are the persistence module's PersonalDataCipher).
 *
 * <p>Events written before personal data was sealed hold a plain JSON string; it reads back as a
 * {@link #legacy} value ({@code plain} set, no ciphertext), which no key can erase.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SealedText(byte[] nonce, byte[] ciphertext, String plain) {

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public SealedText(@JsonProperty("nonce") byte[] nonce, @JsonProperty("ciphertext") byte[] ciphertext,
            @JsonProperty("plain") String plain) {
        if ((plain == null) == (ciphertext == null || nonce == null)) {
            throw new IllegalArgumentException("sealed text is either ciphertext with its nonce or legacy plain text");
        }
        this.nonce = nonce == null ? null : nonce.clone();
        this.ciphertext = ciphertext == null ? null : ciphertext.clone();
        this.plain = plain;
    }

    public static SealedText sealed(byte[] nonce, byte[] ciphertext) {
        return new SealedText(Objects.requireNonNull(nonce), Objects.requireNonNull(ciphertext), null);
    }

    /** A value of an event written before sealing: the stored string as it is. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static SealedText legacy(String plain) {
        return new SealedText(null, null, Objects.requireNonNull(plain));
    }

    @JsonIgnore
    public boolean isLegacy() {
        return plain != null;
    }

    @Override
    public byte[] nonce() {
        return nonce == null ? null : nonce.clone();
    }

    @Override
    public byte[] ciphertext() {
        return ciphertext == null ? null : ciphertext.clone();
    }

    // Arrays compare by content (records compare array references).
    @Override
    public boolean equals(Object o) {
        return o instanceof SealedText s && Arrays.equals(nonce, s.nonce) && Arrays.equals(ciphertext, s.ciphertext)
                && Objects.equals(plain, s.plain);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(nonce), Arrays.hashCode(ciphertext), plain);
    }

    /** Never the text: values end up in logs. */
    @Override
    public String toString() {
        return isLegacy() ? "SealedText[legacy]" : "SealedText[" + ciphertext.length + " bytes]";
    }
}
