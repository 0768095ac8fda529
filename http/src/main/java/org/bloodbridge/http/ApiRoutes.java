package org.bloodbridge.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.management.javadsl.CheckResult;
import org.apache.pekko.management.javadsl.HealthChecks;
import org.bloodbridge.engine.Centre;
import org.bloodbridge.http.access.Access;
import org.bloodbridge.http.metrics.RouteMetrics;

/**
 * Every route of the server, assembled in this one place: the console on {@code /} and
 * {@code /console}, health on {@code /health}, the API under {@code /api/v1}. Cross-cutting concerns wrap the whole tree here: request latency ({@link RouteMetrics}), the error format, and
 * {@link Access} (sign-in, rights, audit) around everything but the public endpoints.
 */
public final class ApiRoutes {
    /** {@code GET /api/v1/reference}: the reference data in force. */
    record Reference(String imgtHlaRelease, String ruleSet) {}

    /** {@code GET /health/alive} and {@code /health/ready} when the check passes. */
    record Health(String status) {}

    private final PersonalDataRoutes personalData;
    private final DonorRoutes donors;
    private final EligibilityRoutes eligibility;
    private final ImportRoutes imports;
    private final MatchRoutes matches;
    private final RegistryRoutes registry;
    private final RecallRoutes recalls;
    private final List<Centre> centres;
    private final Reference reference;
    private final HealthChecks health;
    private final String openApi;
    private final Access access;
    private final AuditRoutes audit;
    private final ConsoleRoutes console;
    private final RouteMetrics metrics;

    ApiRoutes(PersonalDataRoutes personalData, DonorRoutes donors, EligibilityRoutes eligibility, ImportRoutes imports,
            MatchRoutes matches, RegistryRoutes registry, RecallRoutes recalls, AuditRoutes audit, List<Centre> centres,
            Reference reference, HealthChecks health, Access access, ConsoleRoutes console, RouteMetrics metrics) {
        this.recalls = recalls;
        this.console = console;
        this.metrics = metrics;
        this.personalData = personalData;
        this.audit = audit;
        this.access = access;
        this.donors = donors;
        this.eligibility = eligibility;
        this.imports = imports;
        this.matches = matches;
        this.registry = registry;
        this.centres = centres;
        this.reference = reference;
        this.health = health;
        this.openApi = OpenApi.document();
    }

    public Route route() {
        return metrics.timed(() -> ErrorHandling.handleErrors(() -> concat(
                console.route(), // public: the page's API calls carry the token
                pathPrefix("health", () -> concat(
                        path("alive", () -> get(() -> check(health.aliveResult(), "alive"))),
                        path("ready", () -> get(() -> check(health.readyResult(), "ready"))))),
                pathPrefix("api", () -> pathPrefix("v1", () -> concat(
                        path("openapi.json", () -> get(() -> complete(
                                HttpEntities.create(ContentTypes.APPLICATION_JSON, openApi)))),
                        path("centres", () -> get(() -> complete(StatusCodes.OK, centres, Json.marshaller()))),
                        path("reference", () -> get(() -> complete(StatusCodes.OK, reference, Json.marshaller()))),
                        // Everything else needs a verified caller with the right (api-v1 "Access").
                        access.authorized(call -> concat(
                                registry.route(call), // before donors: /donors/search is not a donorId
                                personalData.route(call), // DELETE /donors/{donorId}/personal-data
                                donors.route(call),
                                eligibility.route(call),
                                imports.route(call),
                                matches.route(call),
                                recalls.route(call),
                                audit.route(call)))))))));
    }

    /** Pekko Management's health checks (as on its own port), in the API's JSON format. */
    private Route check(CompletionStage<CheckResult> result, String status) {
        // A check that times out fails the stage rather than giving a failed result.
        CompletionStage<Optional<String>> failure = result
                .thenApply(r -> r.isSuccess() ? Optional.<String>empty() : Optional.of(r.failure().orElse("not " + status)))
                .exceptionally(e -> Optional.of("a health check did not answer in time"));
        return onSuccess(failure, f -> f.isEmpty()
                ? complete(StatusCodes.OK, new Health(status), Json.marshaller())
                : ErrorHandling.completeError(ApiError.unavailable(f.get())));
    }
}
