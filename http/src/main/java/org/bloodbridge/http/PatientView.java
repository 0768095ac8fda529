package org.bloodbridge.http;

import java.util.List;
import java.util.Map;
import org.bloodbridge.engine.matching.Response;
import org.bloodbridge.engine.outcome.PatientOutcomes;
import org.bloodbridge.engine.outcome.TransfusionOutcome;
import org.bloodbridge.persistence.readside.PatientHistory;
import org.bloodbridge.persistence.readside.PatientRequest;

/**
 * {@code GET /api/v1/patients/{centre}/{reference}}: a patient's requests (oldest first), the
 * transfusions recorded on them with their CCI, whether the patient is refractory, and the donors
 * whose platelets did well ({@code goodResponders}) or poorly ({@code poorResponders}) in them.
 */
record PatientView(String centre, String reference, List<PatientRequest> requests, List<TransfusionOutcome> transfusions,
                   boolean refractory, List<String> goodResponders, List<String> poorResponders) {

    static PatientView of(String centre, String reference, PatientHistory history) {
        PatientOutcomes outcomes = history.outcomes();
        Map<String, Response> responses = outcomes.responses();
        return new PatientView(centre, reference, history.requests(), outcomes.outcomes(), outcomes.refractory(),
                donors(responses, Response.GOOD), donors(responses, Response.POOR));
    }

    private static List<String> donors(Map<String, Response> responses, Response response) {
        return responses.entrySet().stream().filter(e -> e.getValue() == response).map(Map.Entry::getKey).sorted().toList();
    }
}
