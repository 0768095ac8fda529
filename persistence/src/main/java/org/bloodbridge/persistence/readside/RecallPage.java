package org.bloodbridge.persistence.readside;

import java.util.List;
import org.bloodbridge.engine.lookback.Recall;

/**
 * One page of a centre's recall list, newest first.
 *
 * @param nextCursor pass it to {@link RecallTable#list} for the next page; null when there is none
 */
public record RecallPage(List<Recall> recalls, String nextCursor) {
    public RecallPage {
        recalls = List.copyOf(recalls);
    }
}
