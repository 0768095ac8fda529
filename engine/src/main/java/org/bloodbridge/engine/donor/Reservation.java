package org.bloodbridge.engine.donor;

import java.time.Instant;

/** A donor allocated to an open match request: no other request may allocate the donor until it is released. */
public record Reservation(String requestId, String centre, Instant at) {}
