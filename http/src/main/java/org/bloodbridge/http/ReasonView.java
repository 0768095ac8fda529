package org.bloodbridge.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.bloodbridge.engine.eligibility.Reason;
import org.bloodbridge.engine.eligibility.ReasonCode;
import org.bloodbridge.http.access.Caller;

/**
 * A reason a donor may not donate, as the API tells it to a caller: a reason caused by another
 * centre's test result or deferral gives its code and dates, not the marker or the free text
 * (api-v1 "Access"); joint screening still blocks the donor everywhere.
 *
 * @param centre the centre whose record caused it; absent when the rules alone did
 */
record ReasonView(ReasonCode code, String message, @JsonInclude(JsonInclude.Include.NON_NULL) String centre) {

    static List<ReasonView> of(List<Reason> reasons, Caller caller) {
        return reasons.stream().map(r -> r.shownTo(caller::actsFor))
                .map(r -> new ReasonView(r.code(), r.message(), r.centre())).toList();
    }
}
