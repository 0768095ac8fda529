package org.bloodbridge.http;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
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

    /** A configured centre code given as text (a query parameter), checked. */
    String centreCode(String code, String field) {
        if (!centres.contains(code)) {
            throw ApiError.invalid(field, "unknown centre " + code + "; known: " + String.join(", ", centres));
        }
        return code;
    }

    /** The {@code limit} of a paged listing (registry search, match requests): 1 to 500, default 50. */
    int pageSize(Optional<String> limit) {
        if (limit.isEmpty()) {
            return 50;
        }
        try {
            int size = Integer.parseInt(limit.get());
            if (size >= 1 && size <= 500) {
                return size;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiError.invalid("limit", "limit must be a whole number from 1 to 500");
    }

    /** A date that has happened: a donation, test, deferral start or birth date. */
    LocalDate notAfterToday(Fields body, String name) {
        LocalDate date = body.date(name);
        if (date.isAfter(today())) {
            throw ApiError.invalid(body.pathOf(name), name + " " + date + " is after today (" + today() + ")");
        }
        return date;
    }

    LocalDate parseDate(String text, String field) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiError.invalid(field, field + " must be a date YYYY-MM-DD");
        }
    }
}
