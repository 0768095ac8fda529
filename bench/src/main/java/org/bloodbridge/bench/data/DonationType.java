package org.bloodbridge.bench.data;

import java.time.LocalDate;

/** The two donation types, with the CN-GB18467-2011 minimum intervals the generator mostly respects. */
public enum DonationType {
    WHOLE_BLOOD,
    PLATELETS_APHERESIS;

    /** The first date a donation of type {@code next} is allowed after one of this type on {@code last}. */
    LocalDate earliestNext(LocalDate last, DonationType next) {
        if (this == WHOLE_BLOOD) {
            return next == WHOLE_BLOOD ? last.plusMonths(6) : last.plusMonths(3);
        }
        return next == WHOLE_BLOOD ? last.plusDays(28) : last.plusDays(14);
    }
}
