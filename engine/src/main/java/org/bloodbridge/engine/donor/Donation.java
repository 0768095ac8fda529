package org.bloodbridge.engine.donor;

import java.time.LocalDate;
import org.bloodbridge.engine.eligibility.DonationType;

/** A collected donation: where, when, what. {@code volumeMl} for whole blood, {@code doses} for platelets. */
public record Donation(String centre, LocalDate date, DonationType type, Integer volumeMl, Integer doses, String din) {}
