package org.bloodbridge.bench.data;

import java.time.LocalDate;

/** A screening result in the shape of {@code POST /donors/{id}/test-results}. */
public record TestResult(String centre, LocalDate date, String marker, boolean reactive) {}
