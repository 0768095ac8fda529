package org.bloodbridge.engine.eligibility;

import java.time.Period;

/**
 * How long a reactive test for one marker defers the donor: permanently, or for {@code period} from
 * the test date (a test on D with 180 days defers up to, not including, D + 180 days).
 *
 * @param period null exactly when {@code permanent}
 */
public record MarkerDeferral(boolean permanent, Period period) {
    public MarkerDeferral {
        if (permanent != (period == null)) {
            throw new IllegalArgumentException("a marker deferral is either permanent or has a period, not both or neither");
        }
        if (period != null && (period.isZero() || period.isNegative())) {
            throw new IllegalArgumentException("a marker deferral's period must be positive, not " + period);
        }
    }

    public static MarkerDeferral permanently() {
        return new MarkerDeferral(true, null);
    }

    public static MarkerDeferral forPeriod(Period period) {
        return new MarkerDeferral(false, period);
    }
}
