package org.bloodbridge.engine.request;

import java.time.Instant;

/**
 * A candidate's most recent outcome in this patient on an earlier request (patient memory,
 * domain-rules.md section 7): the CCI {@code value}, when the unit was transfused, and how long after.
 */
public record EarlierCci(int value, Instant at, double postHours, String requestId) {}
