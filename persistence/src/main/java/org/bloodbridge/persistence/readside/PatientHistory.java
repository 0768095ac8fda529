package org.bloodbridge.persistence.readside;

import java.util.List;
import org.bloodbridge.engine.outcome.PatientOutcomes;

/** A patient's match requests (oldest first) and every transfusion outcome recorded on them. */
public record PatientHistory(List<PatientRequest> requests, PatientOutcomes outcomes) {}
