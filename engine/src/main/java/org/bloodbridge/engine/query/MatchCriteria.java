package org.bloodbridge.engine.query;

import java.time.LocalDate;
import org.bloodbridge.engine.CborSerializable;

/**
 * A match request as posted, checked for shape by the caller.
 *
 * @param maxCandidates how many ranked candidates to return (1 to 200)
 * @param timeoutMs the hard deadline for the answer, from the moment the request entity receives it
 * @param standing a standing request (domain-rules.md section 7) stays open and gains every donor that comes to
 *     qualify later, up to {@code maxCandidates} active candidates; false in requests stored before it existed
 */
public record MatchCriteria(String requestingCentre, String hospital, Product product, int units, Urgency urgency,
                            LocalDate neededBy, Patient patient, int maxCandidates, int timeoutMs, boolean standing)
        implements CborSerializable {

    /** A one-off (not standing) request. */
    public MatchCriteria(String requestingCentre, String hospital, Product product, int units, Urgency urgency,
                         LocalDate neededBy, Patient patient, int maxCandidates, int timeoutMs) {
        this(requestingCentre, hospital, product, units, urgency, neededBy, patient, maxCandidates, timeoutMs, false);
    }
}
