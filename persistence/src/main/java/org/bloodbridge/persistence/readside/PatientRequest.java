package org.bloodbridge.persistence.readside;

import java.time.Instant;

/** One match request of a patient, as the patient history lists it. */
public record PatientRequest(String requestId, Instant createdAt, String status, String product) {}
