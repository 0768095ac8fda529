package org.bloodbridge.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathEnd;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.post;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;
import org.bloodbridge.engine.donor.DonorDirectory;
import org.bloodbridge.engine.donor.DonorEntity;
import org.bloodbridge.engine.identity.DonorIds;
import org.bloodbridge.engine.lookback.Recall;
import org.bloodbridge.engine.lookback.RecallIds;
import org.bloodbridge.engine.lookback.RecallOutcome;
import org.bloodbridge.engine.lookback.RecallStatus;
import org.bloodbridge.http.access.Call;
import org.bloodbridge.persistence.readside.RecallPage;
import org.bloodbridge.persistence.readside.RecallTable;

/**
 * {@code /api/v1/recalls}: each collecting centre's look-back recall list (domain-rules section 8)
 * and its acknowledgement. The list reads the read-side table, which may lag the reactive result by
 * about a second; an acknowledgement is a command on the donor's entity, which holds the recalls.
 */
final class RecallRoutes {
    /** {@code GET /api/v1/recalls}: {@code nextCursor} is null on the last page. */
    record RecallsPage(List<RecallView> recalls, String nextCursor) {}

    private final RequestChecks checks;
    private final DonorDirectory directory;
    private final RecallTable table;

    RecallRoutes(RequestChecks checks, DonorDirectory directory, RecallTable table) {
        this.checks = checks;
        this.directory = directory;
        this.table = table;
    }

    Route route(Call call) {
        return pathPrefix("recalls", () -> concat(
                pathEnd(() -> get(() -> list(call))),
                pathPrefix(segment(), recallId -> path("acknowledge",
                        () -> post(() -> JsonBody.fields(body -> acknowledge(recallId, body, call)))))));
    }

    /** The caller's own centres' lists only: {@code centre} defaults to the caller's, another is 403. */
    private Route list(Call call) {
        return QueryParams.read(params -> {
            String centre = checks.actingCentre(params, "centre", call);
            RecallStatus status = params.optionalEnum("status", RecallStatus.class);
            int size = checks.pageSize(params);
            String cursor = params.optionalText("cursor");
            call.touchedCentre(centre);
            CompletionStage<RecallPage> page;
            try {
                page = table.list(centre, status, size, cursor);
            } catch (IllegalArgumentException e) { // a cursor this server did not hand out
                throw ApiError.invalid("cursor", "cursor is not one this API returned: " + e.getMessage());
            }
            return onSuccess(page, p -> {
                p.recalls().forEach(r -> call.touchedDonor(r.donorId(), null));
                return complete(StatusCodes.OK, new RecallsPage(p.recalls().stream().map(RecallView::of).toList(),
                        p.nextCursor()), Json.marshaller());
            });
        });
    }

    /** By a lab of the recall's collecting centre. */
    private Route acknowledge(String recallId, Fields body, Call call) {
        RecallOutcome outcome = body.enumValue("outcome", RecallOutcome.class);
        String note = body.optionalText("note");
        String donorId = RecallIds.donorIdOf(recallId).filter(DonorIds::isWellFormed)
                .orElseThrow(() -> ApiError.notFound("no recall " + recallId));
        call.touchedDonor(donorId, null);
        CompletionStage<DonorEntity.Reply> reply = directory.ask(donorId, DonorEntity.GetRecalls::new).thenCompose(current -> {
            Recall recall = current instanceof DonorEntity.Recalls recalls
                    ? recalls.recalls().stream().filter(r -> r.recallId().equals(recallId)).findFirst().orElse(null)
                    : null;
            if (recall == null) {
                throw ApiError.notFound("no recall " + recallId);
            }
            call.touchedDonor(donorId, ((DonorEntity.Recalls) current).homeCentre());
            call.requireCentre(recall.centre(), "the recall's collecting centre");
            return directory.ask(donorId, r -> new DonorEntity.AcknowledgeRecall(recallId, recall.centre(), outcome, note,
                    call.caller().subject(), r));
        });
        return onSuccess(reply, r -> {
            if (r instanceof DonorEntity.RecallState state) {
                return complete(StatusCodes.OK, RecallView.of(state.recall()), Json.marshaller());
            }
            if (r instanceof DonorEntity.Rejected rejected && rejected.error().equals("already_acknowledged")) {
                throw ApiError.conflict(rejected.error(), rejected.message(), Map.of("donorId", donorId));
            }
            throw ApiError.notFound("no recall " + recallId);
        });
    }
}
