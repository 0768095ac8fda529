package org.bloodbridge.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.post;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.bloodbridge.engine.donor.EligibilityShards;
import org.bloodbridge.engine.eligibility.DonationType;
import org.bloodbridge.engine.eligibility.EligibilityResult;
import org.bloodbridge.engine.identity.DonorIds;
import org.bloodbridge.http.access.Call;

/**
 * {@code POST /api/v1/eligibility/batch}: up to {@code max-checks} checks answered in order, each
 * slot holding an answer or its own error. At most {@code parallelism} checks of one batch are in
 * flight at once, so a recruitment campaign's batch shares the entities with the donation sites.
 * The eligibility shards answer first, one ask per shard for the whole batch; only the donors they
 * do not know are asked of their DonorEntity.
 */
final class EligibilityRoutes {
    /** The answer to a batch: each slot an {@link EligibilityView} or an error, in the order asked. */
    record BatchResults(List<Object> results) {}

    private final RequestChecks checks;
    private final DonorIds donorIds;
    private final DonorDirectory directory;
    private final EligibilityShards shards;
    private final ActorSystem<?> system;
    private final int maxChecks;
    private final int parallelism;

    EligibilityRoutes(RequestChecks checks, DonorIds donorIds, DonorDirectory directory, EligibilityShards shards,
            ActorSystem<?> system, int maxChecks, int parallelism) {
        this.checks = checks;
        this.donorIds = donorIds;
        this.directory = directory;
        this.shards = shards;
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
        List<Object> slots = new ArrayList<>(items.size()); // a donorId, or the ApiError of a bad item
        List<String> ids = new ArrayList<>(items.size());
        for (Fields item : items) {
            Object slot = slotOf(item, call);
            slots.add(slot);
            if (slot instanceof String donorId) {
                ids.add(donorId);
            }
        }
        CompletionStage<List<Object>> results = shards.check(ids, type, date).thenCompose(known -> Source.from(slots)
                .mapAsync(parallelism, slot -> check(slot, known, type, date, call))
                .runWith(Sink.seq(), system));
        return onSuccess(results, list -> complete(StatusCodes.OK, new BatchResults(list), Json.marshaller()));
    }

    private Object slotOf(Fields item, Call call) {
        try {
            String donorId = donorIdOf(item);
            if (!item.has("donorId")) {
                call.touchedDonor(donorId, null); // found by ID card: a read of who the person is
            }
            return donorId;
        } catch (ApiError e) {
            return e;
        }
    }

    /** One slot: the answer (the shard's, else the entity's), or an error object; never fails the batch. */
    private CompletionStage<Object> check(Object slot, Map<String, EligibilityResult> known, DonationType type,
            LocalDate date, Call call) {
        if (slot instanceof ApiError e) {
            return CompletableFuture.completedFuture(e.body());
        }
        String donorId = (String) slot;
        EligibilityResult result = known.get(donorId);
        if (result != null) {
            return CompletableFuture.completedFuture(
                    EligibilityView.of(new DonorEntity.Checked(donorId, result), type, date, call.caller()));
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
