package org.bloodbridge.engine.lookback;

import java.time.LocalDate;
import org.bloodbridge.engine.eligibility.DonationType;

/** A donation as look-back sees it: where and when it was collected, what, and its DIN (null when not known). */
public record CollectedDonation(String centre, LocalDate date, DonationType type, String din) {}
