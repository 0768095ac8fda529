package org.bloodbridge.http.access;

import static org.apache.pekko.http.javadsl.server.Directives.extractClientIP;
import static org.apache.pekko.http.javadsl.server.Directives.extractRequest;
import static org.apache.pekko.http.javadsl.server.Directives.mapRouteResultFuture;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.respondWithHeader;

import java.net.InetAddress;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.headers.HttpChallenge;
import org.apache.pekko.http.javadsl.model.headers.WWWAuthenticate;
import org.apache.pekko.http.javadsl.server.Complete;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.server.RouteResult;
import org.apache.pekko.http.javadsl.server.RouteResults;
import org.bloodbridge.http.ApiError;
import org.bloodbridge.http.ErrorHandling;
import org.bloodbridge.persistence.readside.AuditEntry;
import org.bloodbridge.persistence.readside.AuditTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one directive around the API (api-v1 "Access"): verifies the caller's bearer token, refuses
 * a caller whose roles the {@link Rights} table does not name for the endpoint, and writes the
 * call's audit entry before the answer leaves. There is no switch that turns any of it off.
 *
 * <p>An audit entry is written for every audited endpoint and for every 401 and 403. The answer
 * waits for it: if the entry cannot be stored the caller gets 503 instead of the answer, so no
 * audited read is ever answered unrecorded (a write the route already made stays made).
 */
public final class Access {
    private static final Logger log = LoggerFactory.getLogger(Access.class);
    private static final String ANONYMOUS = "anonymous";
    private static final String REALM = "bloodbridge";

    private final TokenVerifier verifier;
    private final AuditTable audit;
    private final Executor blocking;
    private final Set<String> allCentres;
    private final RateLimits limits;

    /**
     * @param blocking where a token not seen before is verified (the first use and a key rotation fetch the provider's keys)
     * @param allCentres the scope of a refusal that names no caller: every centre's auditors see it
     */
    public Access(TokenVerifier verifier, AuditTable audit, Executor blocking, Set<String> allCentres, RateLimits limits) {
        this.limits = limits;
        this.verifier = verifier;
        this.audit = audit;
        this.blocking = blocking;
        this.allCentres = Set.copyOf(allCentres);
    }

    /** {@code inner} for a verified caller with a right to the endpoint; 401 or 403 otherwise. */
    public Route authorized(Function<Call, Route> inner) {
        return extractRequest(request -> extractClientIP(ip -> {
            String client = ip.getAddress().map(InetAddress::getHostAddress).orElse("unknown");
            Optional<Rights.Endpoint> endpoint = Rights.find(Rights.TABLE, request.method().name(), request.getUri().path());
            String action = endpoint.map(e -> e.right().action())
                    .orElse(request.method().name() + " " + request.getUri().path());
            try {
                limits.checkSignInsFrom(client);
            } catch (RateLimits.RateLimited e) {
                return ErrorHandling.completeError(ApiError.rateLimited(e.getMessage(), e.retryAfterSeconds()));
            }
            Optional<String> token = bearerToken(request);
            if (token.isEmpty()) {
                return unauthenticated(action, client, "a bearer token is required");
            }
            Optional<Caller> known = verifier.cached(token.get());
            if (known.isPresent()) {
                return authorize(known.get(), endpoint, action, client, inner);
            }
            CompletionStage<Route> decided = CompletableFuture.supplyAsync(() -> verifier.verify(token.get()), blocking)
                    .handle((caller, failure) -> failure == null
                            ? authorize(caller, endpoint, action, client, inner)
                            : refusedToken(failure, action, client));
            return onSuccess(decided, route -> route);
        }));
    }

    private Route authorize(Caller caller, Optional<Rights.Endpoint> endpoint, String action, String client,
            Function<Call, Route> inner) {
        try {
            limits.charge(caller.subject(), 1);
        } catch (RateLimits.RateLimited e) {
            return ErrorHandling.completeError(ApiError.rateLimited(e.getMessage(), e.retryAfterSeconds()));
        }
        Call call = new Call(caller, limits);
        if (endpoint.isEmpty()) {
            // No such endpoint: the routes answer 404 or 405, for any verified caller.
            return audited(call, action, client, false, () -> inner.apply(call));
        }
        Right right = endpoint.get().right();
        Map<String, String> values = endpoint.get().values();
        if (values.containsKey("donorId")) {
            call.touchedDonor(values.get("donorId"), null);
        }
        if (values.containsKey("requestId")) {
            call.touchedRequest(values.get("requestId"), null);
        }
        if (values.containsKey("reference") && values.containsKey("centre")) {
            call.touchedPatient(values.get("centre"), values.get("reference"));
        }
        if (values.containsKey("jobId")) {
            call.touchedImport(values.get("jobId"));
        }
        if (Collections.disjoint(caller.roles(), right.roles())) {
            String needed = right.roles().stream().map(Role::claim).sorted().collect(Collectors.joining(" or "));
            return audited(call, action, client, true, () -> ErrorHandling.completeError(
                    ApiError.forbidden("this needs the role " + needed + " at one of your centres")));
        }
        return audited(call, action, client, right.audited(), () -> inner.apply(call));
    }

    private Route refusedToken(Throwable failure, String action, String client) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof TokenVerifier.InvalidToken invalid) {
            log.info("refused a token for {} from {}: {}", action, client, invalid.getMessage());
            return unauthenticated(action, client, "the bearer token is not valid here (expired, or not issued for this service)");
        }
        if (cause instanceof TokenVerifier.ProviderUnavailable unavailable) {
            log.warn("cannot verify tokens: {}", unavailable.getMessage());
            return ErrorHandling.completeError(ApiError.unavailable("the identity provider cannot be reached; retry later"));
        }
        log.error("unexpected failure verifying a token", cause);
        return ErrorHandling.completeError(ApiError.unavailable("the token could not be verified; retry later"));
    }

    private Route unauthenticated(String action, String client, String message) {
        limits.failedSignIn(client);
        Route refusal = respondWithHeader(WWWAuthenticate.create(HttpChallenge.create("Bearer", REALM)),
                () -> ErrorHandling.completeError(ApiError.unauthenticated(message)));
        return writingEntry(anonymousEntry(action, client), refusal);
    }

    /** {@code inner} with its audit entry written before the answer (for any call when {@code always}, else for 401 and 403). */
    private Route audited(Call call, String action, String client, boolean always, Supplier<Route> inner) {
        return mapRouteResultFuture(result -> result.thenCompose(r -> {
            int status = r instanceof Complete c ? c.getResponse().status().intValue() : 404;
            if (!always && status != 401 && status != 403) {
                return CompletableFuture.completedFuture(r);
            }
            return store(entry(call, action, client, status), r);
        }), () -> ErrorHandling.handleErrors(inner));
    }

    private Route writingEntry(Function<Integer, AuditEntry> entry, Route inner) {
        return mapRouteResultFuture(result -> result.thenCompose(r -> store(
                entry.apply(r instanceof Complete c ? c.getResponse().status().intValue() : 401), r)), () -> inner);
    }

    private CompletionStage<RouteResult> store(AuditEntry entry, RouteResult answer) {
        return audit.append(entry).handle((done, failure) -> {
            if (failure == null) {
                return answer;
            }
            log.error("could not write the audit entry of {} by {}; answering 503 instead", entry.action(), entry.subject(),
                    failure);
            ApiError error = ApiError.unavailable("the audit trail cannot be written; nothing was shown; retry later");
            return RouteResults.complete(ErrorHandling.response(error));
        });
    }

    private AuditEntry entry(Call call, String action, String client, int status) {
        UUID id = AuditTable.newId();
        Caller caller = call.caller();
        Set<String> roles = caller.roles().stream().map(Role::claim).collect(Collectors.toSet());
        return new AuditEntry(id, AuditTable.timeOf(id), caller.subject(), caller.username(), Set.copyOf(caller.centres()),
                roles, client, action, call.resources(), call.scope(), status);
    }

    private Function<Integer, AuditEntry> anonymousEntry(String action, String client) {
        return status -> {
            UUID id = AuditTable.newId();
            return new AuditEntry(id, AuditTable.timeOf(id), ANONYMOUS, null, Set.of(), Set.of(), client, action, List.of(),
                    allCentres, status);
        };
    }

    private static Optional<String> bearerToken(HttpRequest request) {
        return request.getHeader("Authorization")
                .map(h -> h.value().trim())
                .filter(v -> v.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(v -> v.substring(7).trim())
                .filter(v -> !v.isEmpty());
    }
}
