package org.bloodbridge.engine.eligibility;

/** A screening test run on every donation. */
public enum Marker {
    HIV,
    /** Hepatitis B surface antigen (HBsAg). */
    HBV,
    HCV,
    /** Treponema pallidum (TP). */
    SYPHILIS,
    /** Raised alanine aminotransferase. */
    ALT
}
