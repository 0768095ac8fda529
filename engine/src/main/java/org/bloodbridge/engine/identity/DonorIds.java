package org.bloodbridge.engine.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Derives the pseudonymous donorId: HMAC-SHA-256 over {@code idType:normalisedId} keyed with the
 * federation secret, first 15 bytes in lower-case base32 without padding (24 characters). Every
 * centre holding the same secret derives the same donorId from the same ID card.
 */
public final class DonorIds {
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final int ID_BYTES = 15;

    private final SecretKeySpec key;

    public DonorIds(String federationSecret) {
        if (federationSecret == null || federationSecret.isEmpty()) {
            throw new IllegalArgumentException("the federation secret must not be empty");
        }
        this.key = new SecretKeySpec(federationSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public String donorIdOf(NationalId id) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal(id.canonical().getBytes(StandardCharsets.UTF_8));
            return base32(digest, ID_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java 17 runtime", e);
        }
    }

    /** A well-formed donorId: 24 characters of the lower-case base32 alphabet. */
    public static boolean isWellFormed(String donorId) {
        return donorId != null && donorId.matches("[a-z2-7]{24}");
    }

    /** RFC 4648 base32 of the first {@code length} bytes (a multiple of 5, so no padding arises). */
    private static String base32(byte[] bytes, int length) {
        StringBuilder out = new StringBuilder(length * 8 / 5);
        for (int i = 0; i < length; i += 5) {
            long block = 0;
            for (int j = 0; j < 5; j++) {
                block = (block << 8) | (bytes[i + j] & 0xff);
            }
            for (int shift = 35; shift >= 0; shift -= 5) {
                out.append(BASE32[(int) ((block >>> shift) & 31)]);
            }
        }
        return out.toString();
    }
}
