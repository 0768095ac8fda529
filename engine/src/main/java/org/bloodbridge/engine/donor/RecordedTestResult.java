package org.bloodbridge.engine.donor;

import org.bloodbridge.engine.eligibility.TestResult;

/** A screening test result and the centre that reported it. */
public record RecordedTestResult(String centre, TestResult result) {}
