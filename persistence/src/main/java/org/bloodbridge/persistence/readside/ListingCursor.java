package org.bloodbridge.persistence.readside;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Where a request listing page ended: the clustering key (created_at, request_id) of its last row,
 * encoded as URL-safe Base64 of {@code <epoch millis>|<request id>} so clients treat it as opaque.
 */
record ListingCursor(Instant createdAt, String requestId) {
    private static final String MALFORMED = "cursor is malformed: pass the nextCursor of an earlier page unchanged";

    static ListingCursor after(RequestListing last) {
        return new ListingCursor(last.createdAt(), last.requestId());
    }

    String encode() {
        String plain = createdAt.toEpochMilli() + "|" + requestId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException when {@code cursor} is not one {@link #encode} made */
    static ListingCursor decode(String cursor) {
        String plain;
        try {
            plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(MALFORMED);
        }
        int bar = plain.indexOf('|');
        if (bar < 1 || bar == plain.length() - 1) {
            throw new IllegalArgumentException(MALFORMED);
        }
        try {
            long millis = Long.parseLong(plain.substring(0, bar));
            return new ListingCursor(Instant.ofEpochMilli(millis), plain.substring(bar + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(MALFORMED);
        }
    }
}
