package org.bloodbridge.http;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bloodbridge.engine.Centre;
import org.bloodbridge.http.access.Call;

/** Checks that depend on the federation and the calendar: known centres, and "today" in the server's zone. */
final class RequestChecks {
    private final Set<String> centres;
    private final Clock clock;

    RequestChecks(List<Centre> centres, Clock clock) {
        this.centres = centres.stream().map(Centre::code).collect(Collectors.toUnmodifiableSet());
        this.clock = clock;
    }

    java.time.Instant now() {
        return clock.instant();
    }

    /** Whether {@code code} is a configured centre. */
    boolean knownCentre(String code) {
        return centres.contains(code);
    }

    LocalDate today() {
        return LocalDate.now(clock);
    }

    /** A configured centre code. */
    String centre(Fields body, String name) {
        return centreCode(body.text(name), body.pathOf(name));
    }

    /**
     * The acting centre a body names in {@code name} ({@code centre}, {@code by},
     * {@code requestingCentre}): a configured centre (else 400) that is one of the caller's (else
     * 403); when absent, the caller's own (api-v1 "Access").
     */
    String actingCentre(Fields body, String name, Call call) {
        if (!body.has(name)) {
            return call.caller().defaultCentre();
        }
        String code = centre(body, name);
        call.requireCentre(code, body.pathOf(name));
        return code;
    }

    /** A configured centre code given as text, checked; {@code field} is the path named in the error. */
    private String centreCode(String code, String field) {
        if (!centres.contains(code)) {
            throw ApiError.invalid(field, "unknown centre " + code + "; known: " + String.join(", ", centres));
        }
        return code;
    }

    /** A configured centre code given as a query parameter. */
    String centre(QueryParams params, String name) {
        return centreCode(params.text(name), name);
    }

    /** The acting centre a query parameter names, as {@link #actingCentre(Fields, String, Call)} reads a body's. */
    String actingCentre(QueryParams params, String name, Call call) {
        if (!params.has(name)) {
            return call.caller().defaultCentre();
        }
        String code = centre(params, name);
        call.requireCentre(code, name);
        return code;
    }

    /** The {@code limit} of a paged listing (registry search, match requests): 1 to 500, default 50. */
    int pageSize(QueryParams params) {
        return params.integerIn("limit", 1, 500, 50);
    }

    /** A date that has happened: a donation, test, deferral start or birth date. */
    LocalDate notAfterToday(Fields body, String name) {
        LocalDate date = body.date(name);
        if (date.isAfter(today())) {
            throw ApiError.invalid(body.pathOf(name), name + " " + date + " is after today (" + today() + ")");
        }
        return date;
    }
}
