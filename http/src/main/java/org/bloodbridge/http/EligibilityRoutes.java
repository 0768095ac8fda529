package org.bloodbridge.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.post;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.bloodbridge.engine.donor.DonorDirectory;
import org.bloodbridge.engine.donor.DonorEntity;
import org.bloodbridge.engine.eligibility.DonationType;
import org.bloodbridge.engine.identity.DonorIds;
import org.bloodbridge.http.access.Call;

/**
 * {@code POST /api/v1/eligibility/batch}: up to {@code max-checks} checks answered in order, each
 * slot holding an answer or its own error. At most {@code parallelism} checks of one batch are in
 * flight at once, so a recruitment campaign's batch shares the entities with the donation sites.
 */
final class EligibilityRoutes {
    /** The answer to a batch: each slot an {@link EligibilityView} or an error, in the order asked. */
    record BatchResults(List<Object> results) {}

    private final RequestChecks checks;
    private final DonorIds donorIds;
    private final DonorDirectory directory;
    private final ActorSystem<?> system;
    private final int maxChecks;
    private final int parallelism;

    EligibilityRoutes(RequestChecks checks, DonorIds donorIds, DonorDirectory directory, ActorSystem<?> system,
            int maxChecks, int parallelism) {
        this.checks = checks;
        this.donorIds = donorIds;
        this.directory = directory;
        this.system = system;
        this.maxChecks = maxChecks;
        this.parallelism = parallelism;
    }

    Route route(Call call) {
        return pathPrefix("eligibility", () -> path("batch", () -> post(() -> JsonBody.fields(body -> batch(body, call)))));
    }

    private Route batch(Fields body, Call call) {
        DonationType type = body.has("type") ? body.enumValue("type", DonationType.class) : DonationType.WHOLE_BLOOD;
        LocalDate date = body.has("date") ? body.date("date") : checks.today();
        if (!body.has("checks")) {
            throw ApiError.invalid("checks", "checks is required");
        }
        List<Fields> items = body.optionalObjects("checks");
        if (items.size() > maxChecks) {
            throw ApiError.invalid("checks", "at most " + maxChecks + " checks per call; got " + items.size());
        }
        call.charge(items.size() - 1L);
        CompletionStage<List<Object>> results = Source.from(items)
                .mapAsync(parallelism, item -> check(item, type, date, call))
                .runWith(Sink.seq(), system);
        return onSuccess(results, list -> complete(StatusCodes.OK, new BatchResults(list), Json.marshaller()));
    }

    /** One slot: the answer, or an error object; never fails the batch. */
    private CompletionStage<Object> check(Fields item, DonationType type, LocalDate date, Call call) {
        String donorId;
        try {
            donorId = donorIdOf(item);
            if (!item.has("donorId")) {
                call.touchedDonor(donorId, null); // found by ID card: a read of who the person is
            }
        } catch (ApiError e) {
            return CompletableFuture.completedFuture(e.body());
        }
        return directory.ask(donorId, replyTo -> new DonorEntity.CheckEligibility(type, date, replyTo))
                .<Object>thenApply(reply -> EligibilityView.of(reply, type, date, call.caller()))
                .exceptionally(EligibilityRoutes::slotError);
    }

    private String donorIdOf(Fields item) {
        if (item.has("donorId")) {
            return DonorKeys.wellFormed(item.text("donorId"));
        }
        if (!item.has("nationalId")) {
            throw ApiError.invalid(item.pathOf("donorId"), "give donorId or nationalId (with idType)");
        }
        return donorIds.donorIdOf(DonorKeys.nationalId(item));
    }

    private static Object slotError(Throwable failure) {
        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof ApiError e) {
            return e.body();
        }
        if (cause instanceof TimeoutException) {
            return ApiError.unavailable("the store did not answer in time; retry later").body();
        }
        throw new IllegalStateException("unexpected failure of an eligibility check", cause);
    }
}
