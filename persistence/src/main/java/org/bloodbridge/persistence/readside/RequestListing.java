package org.bloodbridge.persistence.readside;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One match request as a centre's request list shows it. {@code createdAt} is stored to the
 * millisecond and never changes for a request; {@code seqNr} is the request entity's event number
 * this listing was derived from (the newest wins).
 */
public record RequestListing(String centre, Instant createdAt, String requestId, String status, String product,
                             String urgency, String hospital, String patientReference, LocalDate neededBy, long seqNr) {}
