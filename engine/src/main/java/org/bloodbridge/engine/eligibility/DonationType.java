package org.bloodbridge.engine.eligibility;

/** What a donor gives at one donation. */
public enum DonationType {
    WHOLE_BLOOD("whole blood"),
    PLATELETS_APHERESIS("platelet apheresis");

    private final String label;

    DonationType(String label) {
        this.label = label;
    }

    /** The name a person reads in a reason message, e.g. "whole blood". */
    public String label() {
        return label;
    }
}
