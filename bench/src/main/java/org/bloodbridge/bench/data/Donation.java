package org.bloodbridge.bench.data;

import org.bloodbridge.engine.eligibility.DonationType;
import java.time.LocalDate;

/** One donation in the shape of {@code POST /donors/{id}/donations}: volumeMl for whole blood, doses for platelets. */
public record Donation(String centre, DonationType type, LocalDate date, Integer volumeMl, Integer doses, String din) {}
