package org.bloodbridge.engine.donor;

import org.bloodbridge.engine.eligibility.Deferral;

/** A manual deferral and the centre that entered it. */
public record RecordedDeferral(String centre, Deferral deferral) {}
