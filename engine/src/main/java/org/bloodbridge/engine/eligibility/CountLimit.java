package org.bloodbridge.engine.eligibility;

import java.time.Period;
import java.util.Objects;

/**
 * At most {@code max} donations of {@code type} in any rolling {@code window}. For a donation on D the
 * window is (D minus window, D]: a donation exactly one window earlier no longer counts.
 *
 * @param code the reason given when the limit is reached ({@code ANNUAL_LIMIT}, {@code FREQUENCY_LIMIT})
 */
public record CountLimit(DonationType type, int max, Period window, ReasonCode code) {
    public CountLimit {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(code, "code");
        if (code != ReasonCode.ANNUAL_LIMIT && code != ReasonCode.FREQUENCY_LIMIT) {
            throw new IllegalArgumentException("a count limit's reason must be ANNUAL_LIMIT or FREQUENCY_LIMIT, not " + code);
        }
        if (max < 1) {
            throw new IllegalArgumentException("a count limit's max must be at least 1, not " + max);
        }
        if (window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("a count limit's window must be positive, not " + window);
        }
    }
}
