package org.bloodbridge.engine.eligibility;

public enum TestOutcome {
    REACTIVE,
    NON_REACTIVE
}
