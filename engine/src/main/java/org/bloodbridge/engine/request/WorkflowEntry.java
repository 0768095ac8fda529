package org.bloodbridge.engine.request;

import java.time.Instant;

/**
 * One step of a request's history as people read it: {@code type} such as {@code CONTACTED}, the
 * acting centre ({@code by}) and person ({@code subject}, null before sign-in) and when.
 */
public record WorkflowEntry(String type, String by, String subject, Instant at, String donorId, String note) {}
