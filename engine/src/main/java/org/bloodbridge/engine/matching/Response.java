package org.bloodbridge.engine.matching;

/**
 * How a donor's platelets did in this patient before (domain-rules.md section 7, patient memory),
 * in ranking order within a grade: a good earlier increment first, poor responders last.
 */
public enum Response {
    GOOD,
    UNKNOWN,
    POOR
}
