package org.bloodbridge.engine.request;

import java.time.Instant;

/** An accepted donor allocated to the request, to give at {@code collectingCentre}; reserved until the request closes. */
public record Allocation(String donorId, String collectingCentre, String by, Instant at) {}
