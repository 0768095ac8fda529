package org.bloodbridge.http;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;

/**
 * An error answer of the API: {@code {"error", "message", "field"?, ...extras}} with its status.
 * Thrown anywhere below the routes and rendered by {@link ErrorHandling}.
 */
public final class ApiError extends RuntimeException {
    private final StatusCode status;
    private final String error;
    private final String field;
    private final Map<String, Object> extras;
    private final long retryAfterSeconds;

    private ApiError(StatusCode status, String error, String message, String field, Map<String, Object> extras) {
        this(status, error, message, field, extras, 0);
    }

    private ApiError(StatusCode status, String error, String message, String field, Map<String, Object> extras,
            long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.error = error;
        this.field = field;
        this.extras = extras;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** 429 {@code rate_limited}, answered with {@code Retry-After}. */
    public static ApiError rateLimited(String message, long retryAfterSeconds) {
        return new ApiError(StatusCodes.TOO_MANY_REQUESTS, "rate_limited", message, null, Map.of(), retryAfterSeconds);
    }

    /** Seconds for {@code Retry-After}, or 0 when the answer carries none. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** 400 {@code invalid}: a missing or malformed field. */
    public static ApiError invalid(String field, String message) {
        return new ApiError(StatusCodes.BAD_REQUEST, "invalid", message, field, Map.of());
    }

    public static ApiError notFound(String message) {
        return new ApiError(StatusCodes.NOT_FOUND, "not_found", message, null, Map.of());
    }

    /** 409 with a code such as {@code donor_exists} or {@code not_eligible} and code-specific extras. */
    public static ApiError conflict(String error, String message, Map<String, Object> extras) {
        return new ApiError(StatusCodes.CONFLICT, error, message, null, extras);
    }

    /** 401 {@code unauthenticated}: no token, or one that does not verify (api-v1 "Access"). */
    public static ApiError unauthenticated(String message) {
        return new ApiError(StatusCodes.UNAUTHORIZED, "unauthenticated", message, null, Map.of());
    }

    /** 403 {@code forbidden}: the message names the role or centre needed. */
    public static ApiError forbidden(String message) {
        return new ApiError(StatusCodes.FORBIDDEN, "forbidden", message, null, Map.of());
    }

    public static ApiError unavailable(String message) {
        return new ApiError(StatusCodes.SERVICE_UNAVAILABLE, "unavailable", message, null, Map.of());
    }

    public static ApiError of(StatusCode status, String error, String message) {
        return new ApiError(status, error, message, null, Map.of());
    }

    public StatusCode status() {
        return status;
    }

    public String error() {
        return error;
    }

    /** The field at fault, or null. */
    public String field() {
        return field;
    }

    /** The JSON body. */
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("message", getMessage());
        if (field != null) {
            body.put("field", field);
        }
        body.putAll(extras);
        return body;
    }
}
