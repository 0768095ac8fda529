package org.bloodbridge.engine.request;

public enum Urgency {
    EMERGENCY,
    URGENT,
    ROUTINE
}
