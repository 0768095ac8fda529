package org.bloodbridge.persistence.readside;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Where a reader of the match request events stands: for each tag slice, the journal's time-based
 * offset of the last event read (eventsByTag resumes strictly after it). Written as the SSE
 * {@code id}, so a client's {@code Last-Event-ID} says exactly what it has seen.
 */
public record FeedPosition(List<UUID> offsets) {
    private static final String SEPARATOR = ".";

    public FeedPosition {
        offsets = List.copyOf(offsets);
    }

    /** The same position with slice {@code slice} moved to {@code offset}. */
    public FeedPosition with(int slice, UUID offset) {
        List<UUID> moved = new ArrayList<>(offsets);
        moved.set(slice, offset);
        return new FeedPosition(moved);
    }

    public String encode() {
        return String.join(SEPARATOR, offsets.stream().map(UUID::toString).toList());
    }

    /**
     * @param slices how many offsets a position of this feed has
     * @throws IllegalArgumentException unless {@code text} is what {@link #encode} wrote for that many slices
     */
    public static FeedPosition decode(String text, int slices) {
        String[] parts = text.trim().split("\\.", -1);
        if (parts.length != slices) {
            throw new IllegalArgumentException("expected " + slices + " offsets separated by '.'");
        }
        List<UUID> offsets = new ArrayList<>();
        for (String part : parts) {
            UUID offset;
            try {
                offset = UUID.fromString(part);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + part + "' is not a UUID");
            }
            if (offset.version() != 1 || !offset.toString().equals(part)) {
                throw new IllegalArgumentException("'" + part + "' is not a time-based UUID as this feed writes them");
            }
            offsets.add(offset);
        }
        return new FeedPosition(offsets);
    }
}
