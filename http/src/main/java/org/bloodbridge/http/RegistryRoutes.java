package org.bloodbridge.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.path;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;
import org.bloodbridge.engine.Centre;
import org.bloodbridge.engine.ShardedAsk;
import org.bloodbridge.engine.donor.DonorDirectory;
import org.bloodbridge.engine.donor.DonorEntity;
import org.bloodbridge.engine.eligibility.DonationType;
import org.bloodbridge.engine.eligibility.RuleSet;
import org.bloodbridge.engine.outcome.OutcomeFigures;
import org.bloodbridge.engine.pool.CentrePool;
import org.bloodbridge.engine.pool.PoolCounts;
import org.bloodbridge.engine.pool.RegistryFilter;
import org.bloodbridge.engine.typing.Panel;
import org.bloodbridge.engine.typing.TypingTables;
import org.bloodbridge.http.access.Call;
import org.bloodbridge.http.RegistryViews.CentreFigures;
import org.bloodbridge.http.RegistryViews.Figures;
import org.bloodbridge.http.RegistryViews.SearchPage;
import org.bloodbridge.http.RegistryViews.Stats;
import org.bloodbridge.persistence.readside.PatientHistoryTable;
import org.bloodbridge.persistence.readside.RecallFigures;
import org.bloodbridge.persistence.readside.RecallTable;

/**
 * The fused registry across centres, read from the centre pools: {@code GET /api/v1/donors/search}
 * (donors matching every filter, by donorId, paged) and {@code GET /api/v1/stats} (panel sizes at
 * two dates and their growth; each centre's open look-back recalls and median time to acknowledge). A pool still rebuilding makes the answer 503: a partial registry
 * answer would look complete.
 */
final class RegistryRoutes {
    private final RequestChecks checks;
    private final List<Centre> centres;
    private final ShardedAsk asks;
    private final Duration askTimeout;
    private final DonorDirectory directory;
    private final RuleSet rules;
    private final TypingTables tables;
    private final PersonalData personalData;
    private final PatientHistoryTable patients;
    private final RecallTable recalls;

    RegistryRoutes(RequestChecks checks, List<Centre> centres, ShardedAsk asks, Duration askTimeout,
            DonorDirectory directory, RuleSet rules, TypingTables tables, PersonalData personalData,
            PatientHistoryTable patients, RecallTable recalls) {
        this.patients = patients;
        this.recalls = recalls;
        this.checks = checks;
        this.centres = centres;
        this.asks = asks;
        this.askTimeout = askTimeout;
        this.directory = directory;
        this.rules = rules;
        this.tables = tables;
        this.personalData = personalData;
    }

    Route route(Call call) {
        return concat(
                path(org.apache.pekko.http.javadsl.server.PathMatchers.segment("donors").slash("search"), () -> get(() -> search(call))),
                path("stats", () -> get(this::stats)));
    }

    private Route search(Call call) {
        return QueryParams.read(params -> {
            var filter = new RegistryFilter(
                    params.optionalEnum("panel", Panel.class),
                    params.has("negative") ? negativeMask(params.text("negative")) : 0L,
                    params.has("abo") ? Fields.parseAbo(params.text("abo"), "abo", "abo") : null,
                    params.optionalDate("eligibleOn"),
                    params.has("type") ? params.enumValue("type", DonationType.class) : DonationType.WHOLE_BLOOD);
            List<String> codes = params.has("centre")
                    ? List.of(checks.centre(params, "centre"))
                    : centres.stream().map(Centre::code).toList();
            int size = checks.pageSize(params);
            call.charge(size - 1L);
            return onSuccess(searchPools(filter, codes, params.optionalText("cursor"), size, call),
                    page -> complete(StatusCodes.OK, page, Json.marshaller()));
        });
    }

    private long negativeMask(String names) {
        long mask = 0;
        for (String name : names.split(",")) {
            mask |= tables.redCells().requireBit(name.trim(), "negative");
        }
        return mask;
    }

    /** Each pool's first {@code size + 1} matches after the cursor; merged, the first {@code size} of all. */
    private CompletionStage<SearchPage> searchPools(RegistryFilter filter, List<String> codes, String cursor, int size,
            Call call) {
        List<CompletableFuture<CentrePool.Searched>> answers = codes.stream()
                .map(code -> askPool(code, (ActorRef<CentrePool.Searched> r) -> new CentrePool.Search(filter, cursor, size + 1, r)))
                .toList();
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenCompose(all -> {
            List<String> ids = new ArrayList<>();
            for (var answer : answers) {
                CentrePool.Searched searched = answer.join();
                requireReady(searched.ready(), searched.centre());
                ids.addAll(searched.donorIds());
            }
            ids.sort(null);
            boolean more = ids.size() > size;
            List<String> page = ids.subList(0, Math.min(size, ids.size()));
            return donors(page, call).thenApply(donors -> new SearchPage(donors, more ? page.get(page.size() - 1) : null));
        });
    }

    /** The donors as the caller may see them; each is a read of a donor for the audit trail. */
    private CompletionStage<List<DonorView>> donors(List<String> donorIds, Call call) {
        List<CompletableFuture<DonorView>> views = donorIds.stream()
                .map(id -> directory.ask(id, DonorEntity.Get::new)
                        .thenCompose(r -> {
                            if (!(r instanceof DonorEntity.Accepted a)) {
                                return CompletableFuture.<DonorView>completedFuture(null);
                            }
                            call.touchedDonor(a.donor().donorId(), a.donor().homeCentre());
                            return personalData.view(a.donor(), rules, tables, call.caller());
                        })
                        .toCompletableFuture())
                .toList();
        return CompletableFuture.allOf(views.toArray(CompletableFuture[]::new)).thenApply(all -> views.stream()
                .map(CompletableFuture::join)
                .filter(java.util.Objects::nonNull)
                .toList());
    }

    private Route stats() {
        return QueryParams.read(params -> {
            LocalDate start = params.date("from");
            LocalDate end = params.date("to");
            if (end.isBefore(start)) {
                throw ApiError.invalid("to", "to " + end + " is before from " + start);
            }
            List<CompletableFuture<CentrePool.Counted>> answers = centres.stream()
                    .map(c -> askPool(c.code(), (ActorRef<CentrePool.Counted> r) -> new CentrePool.CountPanels(start, end, r)))
                    .toList();
            List<CompletableFuture<OutcomeFigures>> outcomes = centres.stream()
                    .map(c -> patients.outcomesOfCentre(c.code()).thenApply(OutcomeFigures::of).toCompletableFuture())
                    .toList();
            // Recall figures are as of now, not per date: the open list and how fast centres close entries.
            List<CompletableFuture<RecallFigures>> recallFigures = centres.stream()
                    .map(c -> recalls.figures(c.code()).toCompletableFuture())
                    .toList();
            List<CompletableFuture<?>> all = new ArrayList<>(answers);
            all.addAll(outcomes);
            all.addAll(recallFigures);
            CompletionStage<Stats> body = CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
                    .thenApply(done -> statsBody(start, end, answers.stream().map(CompletableFuture::join).toList(),
                            outcomes.stream().map(CompletableFuture::join).toList(),
                            recallFigures.stream().map(CompletableFuture::join).toList()));
            return onSuccess(body, b -> complete(StatusCodes.OK, b, Json.marshaller()));
        });
    }

    /** {@code outcomes} and {@code recallFigures}: each centre's, in the order of {@code counts}. */
    private static Stats statsBody(LocalDate from, LocalDate to, List<CentrePool.Counted> counts,
            List<OutcomeFigures> outcomes, List<RecallFigures> recallFigures) {
        List<CentreFigures> perCentre = new ArrayList<>();
        PoolCounts totalFrom = PoolCounts.ZERO;
        PoolCounts totalTo = PoolCounts.ZERO;
        for (int i = 0; i < counts.size(); i++) {
            CentrePool.Counted counted = counts.get(i);
            requireReady(counted.ready(), counted.centre());
            perCentre.add(CentreFigures.of(counted.centre(), Figures.of(counted.from(), counted.to()), outcomes.get(i),
                    recallFigures.get(i)));
            totalFrom = totalFrom.plus(counted.from());
            totalTo = totalTo.plus(counted.to());
        }
        return new Stats(from, to, perCentre, Figures.of(totalFrom, totalTo));
    }

    private static void requireReady(boolean ready, String centre) {
        if (!ready) {
            throw ApiError.unavailable("the donor pool of centre " + centre + " is still rebuilding; retry shortly");
        }
    }

    private <R> CompletableFuture<R> askPool(String centre, Function<ActorRef<R>, CentrePool.Command> command) {
        return asks.ask(CentrePool.TYPE_KEY, centre, command, askTimeout).toCompletableFuture();
    }
}
