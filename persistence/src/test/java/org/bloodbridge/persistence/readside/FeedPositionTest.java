package org.bloodbridge.persistence.readside;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FeedPositionTest {
    private static final UUID FIRST = UUID.fromString("1c3f2a10-ca1b-11f0-8000-000000000000"); // version 1
    private static final UUID LATER = UUID.fromString("2c3f2a10-ca1b-11f0-8000-000000000000");

    @Test
    void anEncodedPositionDecodesToItself() {
        FeedPosition position = new FeedPosition(List.of(FIRST, FIRST, FIRST)).with(1, LATER);
        assertEquals(List.of(FIRST, LATER, FIRST), position.offsets());
        assertEquals(position, FeedPosition.decode(position.encode(), 3));
    }

    @Test
    void anythingElseIsRefusedWithTheReason() {
        String good = new FeedPosition(List.of(FIRST, LATER)).encode();
        assertThrows(IllegalArgumentException.class, () -> FeedPosition.decode(good, 3)); // another number of slices
        assertThrows(IllegalArgumentException.class, () -> FeedPosition.decode("12", 1));
        assertThrows(IllegalArgumentException.class, () -> FeedPosition.decode(good.toUpperCase(), 2)); // not as written
        String random = UUID.randomUUID() + "." + FIRST; // version 4: no journal offset
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FeedPosition.decode(random, 2));
        assertEquals(true, e.getMessage().contains("time-based"), e.getMessage());
    }
}
