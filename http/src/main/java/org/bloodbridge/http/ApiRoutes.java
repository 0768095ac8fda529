package org.bloodbridge.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;
import org.bloodbridge.engine.Centre;

/**
 * Every route of the server, assembled in this one place: health on {@code /health}, the API
 * under {@code /api/v1}. Cross-cutting concerns (error format today; authentication with
 * per-centre roles later) wrap the whole tree here.
 */
public final class ApiRoutes {
    private final DonorRoutes donors;
    private final EligibilityRoutes eligibility;
    private final ImportRoutes imports;
    private final MatchRoutes matches;
    private final RegistryRoutes registry;
    private final List<Centre> centres;
    private final Map<String, Object> reference;
    private final Supplier<CompletionStage<Boolean>> ready;
    private final String openApi;

    ApiRoutes(DonorRoutes donors, EligibilityRoutes eligibility, ImportRoutes imports, MatchRoutes matches,
            RegistryRoutes registry, List<Centre> centres, Map<String, Object> reference,
            Supplier<CompletionStage<Boolean>> ready) {
        this.donors = donors;
        this.eligibility = eligibility;
        this.imports = imports;
        this.matches = matches;
        this.registry = registry;
        this.centres = centres;
        this.reference = reference;
        this.ready = ready;
        this.openApi = OpenApi.document();
    }

    public Route route() {
        return ErrorHandling.handleErrors(() -> concat(
                pathPrefix("health", () -> concat(
                        path("alive", () -> get(() -> complete(StatusCodes.OK, Map.of("status", "alive"), Json.marshaller()))),
                        path("ready", () -> get(this::readiness)))),
                pathPrefix("api", () -> pathPrefix("v1", () -> concat(
                        path("openapi.json", () -> get(() -> complete(
                                HttpEntities.create(ContentTypes.APPLICATION_JSON, openApi)))),
                        path("centres", () -> get(() -> complete(StatusCodes.OK, centres, Json.marshaller()))),
                        path("reference", () -> get(() -> complete(StatusCodes.OK, reference, Json.marshaller()))),
                        registry.route(), // before donors: /donors/search is not a donorId
                        donors.route(),
                        eligibility.route(),
                        imports.route(),
                        matches.route())))));
    }

    private Route readiness() {
        return onSuccess(ready.get(), isReady -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", isReady ? "ready" : "not_ready");
            return isReady
                    ? complete(StatusCodes.OK, body, Json.marshaller())
                    : ErrorHandling.completeError(ApiError.unavailable("Cassandra or cluster sharding is not up yet"));
        });
    }
}
