package org.bloodbridge.persistence.readside;

import java.util.List;

/**
 * One page of a centre's match requests, newest first.
 *
 * @param nextCursor pass it to {@link RequestListingTable#list} for the next page; null when there is none
 */
public record ListingPage(List<RequestListing> requests, String nextCursor) {
    public ListingPage {
        requests = List.copyOf(requests);
    }
}
