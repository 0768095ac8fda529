package org.bloodbridge.engine.query;

import java.time.LocalDate;
import org.bloodbridge.engine.CborSerializable;

/**
 * A match request as posted, checked for shape by the caller.
 *
 * @param maxCandidates how many ranked candidates to return (1 to 200)
 * @param timeoutMs the hard deadline for the answer, from the moment the request entity receives it
 */
public record MatchCriteria(String requestingCentre, String hospital, Product product, int units, Urgency urgency,
                            LocalDate neededBy, Patient patient, int maxCandidates, int timeoutMs)
        implements CborSerializable {}
