package org.bloodbridge.engine.request;

import java.util.List;
import org.bloodbridge.engine.eligibility.Reason;

/**
 * Why a workflow step was refused: {@code invalid_transition}, {@code reserved}, {@code not_eligible}
 * (with the reasons) or {@code not_found} (a donor who is not a candidate). Nothing was written.
 */
public record Refusal(String error, String message, String field, List<Reason> reasons) {
    public Refusal {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    static Refusal invalidTransition(String message) {
        return new Refusal("invalid_transition", message, null, List.of());
    }
}
