package org.bloodbridge.engine.eligibility;

/** Why a donor may not donate; the codes of the HTTP API. */
public enum ReasonCode {
    AGE,
    WEIGHT,
    INTERVAL,
    ANNUAL_LIMIT,
    FREQUENCY_LIMIT,
    DEFERRED_TEMPORARY,
    DEFERRED_PERMANENT
}
