package org.bloodbridge.http;

import java.time.LocalDate;
import java.util.List;
import org.bloodbridge.engine.InvalidField;
import org.bloodbridge.engine.donor.Donation;
import org.bloodbridge.engine.donor.RecordedDeferral;
import org.bloodbridge.engine.donor.RecordedTestResult;
import org.bloodbridge.engine.eligibility.Deferral;
import org.bloodbridge.engine.eligibility.DonationType;
import org.bloodbridge.engine.eligibility.Marker;
import org.bloodbridge.engine.eligibility.TestOutcome;
import org.bloodbridge.engine.eligibility.TestResult;
import org.bloodbridge.engine.identity.Din;

/**
 * Reads the bodies of donations, test results and deferrals: of their own endpoints, where
 * {@code centre} is required ({@code defaultCentre} null), and as entries of an import line, where
 * it defaults to the line's centre.
 */
final class HistoryInput {
    private static final List<Integer> WHOLE_BLOOD_VOLUMES = List.of(200, 300, 400);

    private final RequestChecks checks;

    HistoryInput(RequestChecks checks) {
        this.checks = checks;
    }

    Donation donation(Fields body, String defaultCentre) {
        String centre = centre(body, defaultCentre);
        DonationType type = body.enumValue("type", DonationType.class);
        LocalDate date = checks.notAfterToday(body, "date");
        Integer volumeMl = null;
        Integer doses = null;
        if (type == DonationType.WHOLE_BLOOD) {
            body.forbid("doses", "doses apply to platelet apheresis only");
            volumeMl = body.optionalInteger("volumeMl");
            if (volumeMl != null && !WHOLE_BLOOD_VOLUMES.contains(volumeMl)) {
                throw ApiError.invalid(body.pathOf("volumeMl"), "a whole blood donation is 200, 300 or 400 mL");
            }
        } else {
            body.forbid("volumeMl", "volumeMl applies to whole blood only");
            doses = body.has("doses") ? body.integerIn("doses", 1, 2) : null;
        }
        return new Donation(centre, date, type, volumeMl, doses, body.has("din") ? din(body) : null);
    }

    RecordedTestResult testResult(Fields body, String defaultCentre) {
        String centre = centre(body, defaultCentre);
        TestResult result = new TestResult(checks.notAfterToday(body, "date"),
                body.enumValue("marker", Marker.class), body.enumValue("result", TestOutcome.class));
        return new RecordedTestResult(centre, result);
    }

    RecordedDeferral deferral(Fields body, String defaultCentre) {
        String centre = centre(body, defaultCentre);
        String reason = body.text("reason");
        LocalDate from = checks.notAfterToday(body, "from");
        boolean permanent = body.optionalBoolean("permanent");
        LocalDate until = body.optionalDate("until");
        if (permanent == (until != null)) {
            throw ApiError.invalid(body.pathOf("until"), "give either until (a temporary deferral) or permanent: true");
        }
        if (until != null && !until.isAfter(from)) {
            throw ApiError.invalid(body.pathOf("until"), "until must be after from");
        }
        return new RecordedDeferral(centre, new Deferral(from, until, permanent, reason));
    }

    private String centre(Fields body, String defaultCentre) {
        return defaultCentre != null && !body.has("centre") ? defaultCentre : checks.centre(body, "centre");
    }

    /** The DIN checked, its field named where it is ({@code donations[2].din} in an import line). */
    private static String din(Fields body) {
        try {
            return Din.validate(body.text("din"));
        } catch (InvalidField e) {
            throw ApiError.invalid(body.pathOf(e.field()), e.getMessage());
        }
    }
}
