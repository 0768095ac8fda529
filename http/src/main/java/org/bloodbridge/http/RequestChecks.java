package org.bloodbridge.http;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bloodbridge.engine.Centre;

/** Checks that depend on the federation and the calendar: known centres, and "today" in the server's zone. */
final class RequestChecks {
    private final Set<String> centres;
    private final Clock clock;

    RequestChecks(List<Centre> centres, Clock clock) {
        this.centres = centres.stream().map(Centre::code).collect(Collectors.toUnmodifiableSet());
        this.clock = clock;
    }

    LocalDate today() {
        return LocalDate.now(clock);
    }

    /** A configured centre code. */
    String centre(Fields body, String name) {
        return centreCode(body.text(name), body.pathOf(name));
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
