package org.bloodbridge.http;

import java.time.LocalDate;
import java.util.List;
import org.bloodbridge.engine.donor.DonorEntity;
import org.bloodbridge.engine.eligibility.DonationType;
import org.bloodbridge.http.access.Caller;

/** One eligibility answer as the API shows it. */
record EligibilityView(
        String donorId, DonationType type, LocalDate date, boolean eligible, LocalDate nextEligibleDate,
        List<ReasonView> reasons) {

    /** The answer in an entity's reply, as {@code caller} may be told it; a refusal (unknown donor) is thrown as its API error. */
    static EligibilityView of(DonorEntity.Reply reply, DonationType type, LocalDate date, Caller caller) {
        if (reply instanceof DonorEntity.Checked checked) {
            var r = checked.result();
            return new EligibilityView(checked.donorId(), type, date, r.eligible(), r.nextEligibleDate(),
                    ReasonView.of(r.reasons(), caller));
        }
        throw DonorRoutes.refusal(reply, caller);
    }
}
