package org.bloodbridge.http;

import java.time.Instant;
import java.time.LocalDate;
import org.bloodbridge.engine.lookback.Acknowledgement;
import org.bloodbridge.engine.lookback.Recall;

/**
 * One recall as the API shows it: the donation (date, type, DIN when known, collecting centre), the
 * marker and the triggering test's date; the test's value is never more than {@code REACTIVE}.
 */
record RecallView(String recallId, String donorId, String centre, DonationView donation, String marker, String result,
        LocalDate testDate, Instant openedAt, String status, AcknowledgementView acknowledgement) {

    record DonationView(LocalDate date, String type, String din, String centre) {}

    /** Who closed the recall ({@code centre} and sign-in {@code subject}), when and how. */
    record AcknowledgementView(String outcome, String note, String centre, String subject, Instant at) {}

    static RecallView of(Recall r) {
        Acknowledgement a = r.acknowledgement();
        return new RecallView(r.recallId(), r.donorId(), r.centre(),
                new DonationView(r.donationDate(), r.donationType().name(), r.din(), r.centre()),
                r.marker().name(), "REACTIVE", r.testDate(), r.openedAt(), r.status().name(),
                a == null ? null : new AcknowledgementView(a.outcome().name(), a.note(), a.centre(), a.subject(), a.at()));
    }
}
