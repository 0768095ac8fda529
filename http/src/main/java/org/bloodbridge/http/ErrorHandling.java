package org.bloodbridge.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.handleExceptions;
import static org.apache.pekko.http.javadsl.server.Directives.handleRejections;
import static org.apache.pekko.http.javadsl.server.Directives.withRequestTimeoutResponse;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.MalformedQueryParamRejection;
import org.apache.pekko.http.javadsl.server.MalformedRequestContentRejection;
import org.apache.pekko.http.javadsl.server.MethodRejection;
import org.apache.pekko.http.javadsl.server.MissingQueryParamRejection;
import org.apache.pekko.http.javadsl.server.RejectionHandler;
import org.apache.pekko.http.javadsl.server.RequestEntityExpectedRejection;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.server.UnsupportedRequestContentTypeRejection;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;
import org.bloodbridge.engine.InvalidField;
import org.bloodbridge.http.access.AccessDenied;
import org.bloodbridge.http.access.RateLimits;
import org.apache.pekko.http.javadsl.model.headers.RetryAfter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into the API's error format ({@code api-v1.md}): an {@link ApiError} as it
 * is, a domain check's {@link InvalidField} as 400 naming the field, a store that does not answer in time as 503, a rejected request as 400/404/405/413/415.
 * Anything else is a bug: 500, logged, without internals in the body.
 */
public final class ErrorHandling {
    private static final Logger log = LoggerFactory.getLogger(ErrorHandling.class);

    private ErrorHandling() {}

    public static Route handleErrors(Supplier<Route> inner) {
        return withRequestTimeoutResponse(ErrorHandling::timedOut,
                () -> handleExceptions(EXCEPTIONS, () -> handleRejections(REJECTIONS, inner)));
    }

    /** A request the server could not answer within pekko.http.server.request-timeout. */
    private static HttpResponse timedOut(HttpRequest request) {
        return response(ApiError.unavailable("the request timed out; retry later"));
    }

    /** The response of {@code error}, for where a route cannot complete (request timeouts, after the route). */
    public static HttpResponse response(ApiError error) {
        try {
            HttpResponse response = HttpResponse.create().withStatus(error.status())
                    .withEntity(ContentTypes.APPLICATION_JSON, Json.MAPPER.writeValueAsBytes(error.body()));
            return error.retryAfterSeconds() > 0
                    ? response.addHeader(RetryAfter.create(error.retryAfterSeconds()))
                    : response;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an error body is always serializable", e);
        }
    }

    public static Route completeError(ApiError e) {
        return complete(response(e));
    }

    private static final ExceptionHandler EXCEPTIONS = ExceptionHandler.newBuilder()
            .match(Throwable.class, ErrorHandling::fromThrowable)
            .build();

    private static Route fromThrowable(Throwable thrown) {
        return completeError(apiErrorOf(thrown));
    }

    /** The API error for any failure; one not foreseen is logged and answered as {@code internal}. */
    static ApiError apiErrorOf(Throwable thrown) {
        Throwable t = thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown;
        if (t instanceof ApiError e) {
            return e;
        }
        if (t instanceof RateLimits.RateLimited e) {
            return ApiError.rateLimited(e.getMessage(), e.retryAfterSeconds());
        }
        if (t instanceof AccessDenied e) {
            return ApiError.forbidden(e.getMessage());
        }
        if (t instanceof InvalidField e) {
            return ApiError.invalid(e.field(), e.getMessage());
        }
        if (t instanceof TimeoutException) {
            return ApiError.unavailable("the store did not answer in time; retry later");
        }
        if (t instanceof EntityStreamSizeException) {
            return tooLarge();
        }
        log.error("unexpected failure", t);
        return ApiError.of(StatusCodes.INTERNAL_SERVER_ERROR, "internal", "unexpected server error");
    }

    private static ApiError tooLarge() {
        return ApiError.of(StatusCodes.CONTENT_TOO_LARGE, "too_large", "the request body is too large");
    }

    private static final RejectionHandler REJECTIONS = RejectionHandler.newBuilder()
            .handle(MalformedRequestContentRejection.class, r -> completeError(
                    r.getCause() instanceof EntityStreamSizeException
                            ? tooLarge()
                            : ApiError.invalid(null, "the request body could not be read: " + r.message())))
            .handle(UnsupportedRequestContentTypeRejection.class, r -> completeError(ApiError.of(
                    StatusCodes.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", "the request body must be application/json")))
            .handle(RequestEntityExpectedRejection.class, r -> completeError(ApiError.invalid(null, "a request body is required")))
            .handle(MissingQueryParamRejection.class, r -> completeError(
                    ApiError.invalid(r.parameterName(), r.parameterName() + " is required")))
            .handle(MalformedQueryParamRejection.class, r -> completeError(
                    ApiError.invalid(r.parameterName(), r.parameterName() + " is malformed: " + r.errorMsg())))
            .handleAll(MethodRejection.class, rs -> completeError(ApiError.of(
                    StatusCodes.METHOD_NOT_ALLOWED, "method_not_allowed", "method not allowed on this path")))
            .handleNotFound(completeError(ApiError.notFound("no such endpoint")))
            .build();
}
