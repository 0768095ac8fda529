package org.bloodbridge.http;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicInteger;
import org.bloodbridge.engine.identity.NationalId;

/** Valid, distinct Chinese resident ID numbers for tests. */
final class TestIds {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private TestIds() {}

    /** A new valid CN_RIC number for someone born on {@code birthDate}; odd sequence = male. */
    static String resident(LocalDate birthDate, boolean male) {
        int n = SEQUENCE.incrementAndGet();
        int sequence = (n * 2 + (male ? 1 : 0)) % 1000;
        String address = String.format("51%04d", (n / 500) % 10000);
        String first17 = address + birthDate.format(DateTimeFormatter.BASIC_ISO_DATE) + String.format("%03d", sequence);
        return first17 + NationalId.checkCharacter(first17);
    }
}
