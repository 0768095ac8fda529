package org.bloodbridge.engine.lookback;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.bloodbridge.engine.eligibility.Marker;

/**
 * Recall ids: {@code <donorId>-<16 hex>}, the hex from SHA-256 over the donation's identity
 * (centre, date, type, DIN) and the marker. Deterministic, so recording a reactive result again
 * finds the recalls it already opened; and the donorId in front routes an acknowledgement to the
 * donor's entity without a lookup table.
 */
public final class RecallIds {
    private RecallIds() {}

    public static String of(String donorId, CollectedDonation donation, Marker marker) {
        String identity = String.join("|", donation.centre(), donation.date().toString(), donation.type().name(),
                donation.din() == null ? "" : donation.din(), marker.name());
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return donorId + "-" + HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The donorId a recall id starts with, when {@code recallId} has the shape {@link #of} gives. */
    public static Optional<String> donorIdOf(String recallId) {
        int dash = recallId.lastIndexOf('-');
        if (dash < 1 || recallId.length() - dash - 1 != 16 || !recallId.substring(dash + 1).matches("[0-9a-f]{16}")) {
            return Optional.empty();
        }
        return Optional.of(recallId.substring(0, dash));
    }
}
