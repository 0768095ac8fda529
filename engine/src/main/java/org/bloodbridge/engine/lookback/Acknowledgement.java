package org.bloodbridge.engine.lookback;

import java.time.Instant;

/** How, when and by whom ({@code centre} and the sign-in's {@code subject}) a recall was closed. */
public record Acknowledgement(RecallOutcome outcome, String note, String centre, String subject, Instant at) {}
