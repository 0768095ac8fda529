package org.bloodbridge.engine.eligibility;

import java.time.LocalDate;
import java.util.List;

/**
 * The answer to "may this donor give this type on this date?".
 *
 * @param nextEligibleDate the query date when eligible; the earliest date on which every reason
 *     clears when all of them are time-bound; null when one is not (permanent deferral, weight,
 *     a donor too old)
 * @param reasons every rule that blocks the donation; empty when eligible
 */
public record EligibilityResult(boolean eligible, LocalDate nextEligibleDate, List<Reason> reasons) {
    public EligibilityResult {
        reasons = List.copyOf(reasons);
    }
}
