package org.bloodbridge.engine.request;

import java.time.Instant;

/** One step of a request's history as people read it: {@code type} such as {@code CONTACTED}, who and when. */
public record WorkflowEntry(String type, String by, Instant at, String donorId, String note) {}
