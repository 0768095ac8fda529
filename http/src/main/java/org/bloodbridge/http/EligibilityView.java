package org.bloodbridge.http;

import java.time.LocalDate;
import java.util.List;
import org.bloodbridge.engine.donor.DonorEntity;
import org.bloodbridge.engine.eligibility.DonationType;
import org.bloodbridge.engine.eligibility.Reason;

/** One eligibility answer as the API shows it. */
record EligibilityView(
        String donorId, DonationType type, LocalDate date, boolean eligible, LocalDate nextEligibleDate, List<Reason> reasons) {

    /** The answer in an entity's reply; a refusal (unknown donor) is thrown as its API error. */
    static EligibilityView of(DonorEntity.Reply reply, DonationType type, LocalDate date) {
        if (reply instanceof DonorEntity.Checked checked) {
            var r = checked.result();
            return new EligibilityView(checked.donorId(), type, date, r.eligible(), r.nextEligibleDate(), r.reasons());
        }
        throw DonorRoutes.refusal(reply);
    }
}
