package org.bloodbridge.engine.lookback;

import java.time.Instant;
import java.time.LocalDate;
import org.bloodbridge.engine.eligibility.DonationType;
import org.bloodbridge.engine.eligibility.Marker;

/**
 * One earlier donation on its collecting {@code centre}'s recall list because of a reactive
 * {@code marker} test dated {@code testDate} (the value is REACTIVE by construction, nothing else
 * of the test is kept). {@code recallId} is {@link RecallIds#of}, so the same donation and marker
 * never give two recalls.
 *
 * @param din null when the donation was recorded without one
 * @param acknowledgement null while the recall is open
 */
public record Recall(String recallId, String donorId, String centre, LocalDate donationDate, DonationType donationType,
        String din, Marker marker, LocalDate testDate, Instant openedAt, Acknowledgement acknowledgement) {

    public RecallStatus status() {
        return acknowledgement == null ? RecallStatus.OPEN : RecallStatus.ACKNOWLEDGED;
    }

    public Recall acknowledged(Acknowledgement ack) {
        return new Recall(recallId, donorId, centre, donationDate, donationType, din, marker, testDate, openedAt, ack);
    }
}
