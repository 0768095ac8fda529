package org.bloodbridge.persistence.personaldata;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bloodbridge.engine.donor.SealedText;

/**
 * AES-256-GCM (JDK only) for personal data. A donor's text is sealed with the donor's key, a fresh
 * 96-bit nonce each time, and the donorId and field name as associated data, so a ciphertext
 * cannot be passed off as another donor's or another field's. A donor's key is wrapped the same
 * way with the {@link DeploymentKey}, bound to the donorId; the wrapped form starts with a format
 * byte, so a later rotation scheme can tell generations apart.
 */
public final class PersonalDataCipher {
    private static final String GCM = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte WRAP_FORMAT = 1;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PersonalDataCipher() {}

    /** A new random key for a donor. */
    public static DonorKey newKey(String donorId) {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, RANDOM);
            return new DonorKey(donorId, generator.generateKey());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256 is not available", e);
        }
    }

    static SealedText seal(DonorKey key, String field, String text) {
        byte[] nonce = nonce();
        byte[] ciphertext = run(Cipher.ENCRYPT_MODE, key.key(), nonce, associated(key.donorId(), field),
                text.getBytes(StandardCharsets.UTF_8));
        return SealedText.sealed(nonce, ciphertext);
    }

    /**
     * @throws IllegalArgumentException if {@code sealed} was not sealed by this key for this field
     *     (for example under an earlier key of the donor that has since been destroyed)
     */
    static String open(DonorKey key, String field, SealedText sealed) {
        if (sealed.isLegacy()) {
            return sealed.plain();
        }
        return new String(run(Cipher.DECRYPT_MODE, key.key(), sealed.nonce(), associated(key.donorId(), field),
                sealed.ciphertext()), StandardCharsets.UTF_8);
    }

    /** The donor's key as stored: format byte, nonce, and the key encrypted under the deployment key. */
    public static byte[] wrap(DeploymentKey deployment, DonorKey key) {
        byte[] nonce = nonce();
        byte[] wrapped = run(Cipher.ENCRYPT_MODE, deployment.key(), nonce, wrapAssociated(key.donorId()),
                key.key().getEncoded());
        return ByteBuffer.allocate(1 + NONCE_BYTES + wrapped.length).put(WRAP_FORMAT).put(nonce).put(wrapped).array();
    }

    /** @throws IllegalStateException if the deployment key is not the one that wrapped it */
    public static DonorKey unwrap(DeploymentKey deployment, String donorId, byte[] stored) {
        if (stored.length < 1 + NONCE_BYTES || stored[0] != WRAP_FORMAT) {
            throw new IllegalStateException("the stored key of donor " + donorId + " has an unknown format");
        }
        ByteBuffer in = ByteBuffer.wrap(stored, 1, stored.length - 1);
        byte[] nonce = new byte[NONCE_BYTES];
        in.get(nonce);
        byte[] wrapped = new byte[in.remaining()];
        in.get(wrapped);
        try {
            return new DonorKey(donorId, new SecretKeySpec(
                    run(Cipher.DECRYPT_MODE, deployment.key(), nonce, wrapAssociated(donorId), wrapped), "AES"));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the key of donor " + donorId
                    + " does not unwrap: is BLOODBRIDGE_PII_KEY the key it was written with?", e);
        }
    }

    private static byte[] nonce() {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        return nonce;
    }

    private static byte[] associated(String donorId, String field) {
        return ("bloodbridge/personal-data/" + donorId + "/" + field).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] wrapAssociated(String donorId) {
        return ("bloodbridge/donor-key/" + donorId).getBytes(StandardCharsets.UTF_8);
    }

    /** @throws IllegalArgumentException when decryption fails (wrong key, altered bytes) */
    private static byte[] run(int mode, SecretKey key, byte[] nonce, byte[] associated, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance(GCM);
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associated);
            return cipher.doFinal(input);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new IllegalArgumentException("not sealed by this key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        }
    }
}
