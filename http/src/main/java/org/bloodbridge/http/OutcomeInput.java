package org.bloodbridge.http;

import java.time.Duration;
import java.time.Instant;
import org.apache.pekko.actor.typed.ActorRef;
import org.bloodbridge.engine.outcome.Cci;
import org.bloodbridge.engine.request.MatchRequestEntity;

/**
 * The body of {@code POST /api/v1/match-requests/{requestId}/outcomes} (domain-rules.md section 7),
 * checked for shape and plausible values: counts in 10^9/L, dose in 10^11 platelets, and either
 * {@code bsa} (m^2) or {@code heightCm} and {@code weightKg} (Mosteller BSA). An impossible value is
 * a 400 naming the field; whether the donor was allocated is the entity's to say (409).
 */
record OutcomeInput(String donorId, Instant transfusedAt, double preCount, double postCount, double postHours,
                    double plateletDose, double bsa, Double heightCm, Double weightKg, Integer unitAgeDays, String note) {

    /** A transfusion stamped a little ahead of this server's clock is still accepted. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(2);

    static OutcomeInput read(Fields body, Instant now) {
        String donorId = body.text("donorId");
        Instant transfusedAt = body.instant("transfusedAt");
        if (transfusedAt.isAfter(now.plus(CLOCK_SKEW))) {
            throw ApiError.invalid(body.pathOf("transfusedAt"), "transfusedAt " + transfusedAt + " is in the future");
        }
        double preCount = body.numberIn("preCount", 0, 2000, "a platelet count from 0 to 2000 (10^9/L)");
        double postCount = body.numberIn("postCount", 0, 2000, "a platelet count from 0 to 2000 (10^9/L)");
        double postHours = body.numberIn("postHours", 0.05, 72, "hours after the transfusion, from 0.05 (3 min) to 72");
        double dose = body.numberIn("plateletDose", 0.1, 20, "a dose from 0.1 to 20 (10^11 platelets)");
        boolean bodySize = body.has("heightCm") || body.has("weightKg");
        if (body.has("bsa") && bodySize) {
            throw ApiError.invalid(body.pathOf("bsa"), "give bsa or heightCm and weightKg, not both");
        }
        if (!body.has("bsa") && !bodySize) {
            throw ApiError.invalid(body.pathOf("bsa"), "bsa (m^2), or heightCm and weightKg, is required");
        }
        Double heightCm = null;
        Double weightKg = null;
        double bsa;
        if (bodySize) {
            heightCm = body.numberIn("heightCm", 30, 250, "a height from 30 to 250 cm");
            weightKg = body.numberIn("weightKg", 1, 350, "a weight from 1 to 350 kg");
            bsa = Math.round(Cci.mosteller(heightCm, weightKg) * 1000) / 1000.0;
        } else {
            bsa = body.numberIn("bsa", 0.1, 3.5, "a body surface area from 0.1 to 3.5 m^2");
        }
        Integer unitAgeDays = body.has("unitAgeDays") ? body.integerIn("unitAgeDays", 0, 14) : null;
        return new OutcomeInput(donorId, transfusedAt, preCount, postCount, postHours, dose, bsa, heightCm, weightKg,
                unitAgeDays, body.optionalText("note"));
    }

    MatchRequestEntity.RecordOutcome command(String by, String subject, ActorRef<MatchRequestEntity.Reply> replyTo) {
        return new MatchRequestEntity.RecordOutcome(donorId, transfusedAt, preCount, postCount, postHours, plateletDose,
                bsa, heightCm, weightKg, unitAgeDays, by, subject, note, replyTo);
    }
}
