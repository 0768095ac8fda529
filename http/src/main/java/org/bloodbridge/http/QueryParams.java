package org.bloodbridge.http;

import static org.apache.pekko.http.javadsl.server.Directives.extractUri;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.Query;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Reads the query parameters of a request as {@link Fields} reads a body: the same checks through
 * the same parsing functions, and the same error, 400 {@code invalid} naming the parameter. A
 * parameter given more than once counts with its first value.
 */
final class QueryParams {
    private final Query query;

    private QueryParams(Query query) {
        this.query = query;
    }

    /** The request's query parameters, for {@code inner}. */
    static Route read(Function<QueryParams, Route> inner) {
        return extractUri(uri -> inner.apply(new QueryParams(uri.query())));
    }

    boolean has(String name) {
        return query.get(name).isPresent();
    }

    /** A required parameter, trimmed and non-empty. */
    String text(String name) {
        String value = query.get(name).orElseThrow(() -> ApiError.invalid(name, name + " is required"));
        if (value.isBlank()) {
            throw ApiError.invalid(name, name + " must be a non-empty string");
        }
        return value.trim();
    }

    /** The parameter, or null when absent. */
    String optionalText(String name) {
        return has(name) ? text(name) : null;
    }

    LocalDate date(String name) {
        return Fields.parseDate(text(name), name, name);
    }

    LocalDate optionalDate(String name) {
        return has(name) ? date(name) : null;
    }

    /** An instant such as {@code 2026-11-25T08:00:00Z}. */
    Instant instant(String name) {
        try {
            return Instant.parse(text(name));
        } catch (DateTimeParseException e) {
            throw ApiError.invalid(name, name + " must be an instant such as 2026-11-25T08:00:00Z");
        }
    }

    <E extends Enum<E>> E enumValue(String name, Class<E> type) {
        return Fields.parseEnum(text(name), type, name, name);
    }

    <E extends Enum<E>> E optionalEnum(String name, Class<E> type) {
        return has(name) ? enumValue(name, type) : null;
    }

    /** A whole number from {@code min} to {@code max}, or {@code absent} when not given. */
    int integerIn(String name, int min, int max, int absent) {
        if (!has(name)) {
            return absent;
        }
        try {
            int value = Integer.parseInt(query.get(name).orElseThrow().trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiError.invalid(name, name + " must be a whole number from " + min + " to " + max);
    }
}
