package org.bloodbridge.engine.query;

public enum Urgency {
    EMERGENCY,
    URGENT,
    ROUTINE
}
