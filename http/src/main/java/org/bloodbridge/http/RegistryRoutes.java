package org.bloodbridge.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.parameterOptional;
import static org.apache.pekko.http.javadsl.server.Directives.path;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.bloodbridge.engine.pool.CentrePool;
import org.bloodbridge.engine.pool.PoolCounts;
import org.bloodbridge.engine.pool.RegistryFilter;
import org.bloodbridge.engine.typing.Panel;
import org.bloodbridge.engine.typing.TypingTables;

/**
 * The fused registry across centres, read from the centre pools: {@code GET /api/v1/donors/search}
 * (donors matching every filter, by donorId, paged) and {@code GET /api/v1/stats} (panel sizes at
 * two dates and their growth). A pool still rebuilding makes the answer 503: a partial registry
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

    RegistryRoutes(RequestChecks checks, List<Centre> centres, ShardedAsk asks, Duration askTimeout,
            DonorDirectory directory, RuleSet rules, TypingTables tables) {
        this.checks = checks;
        this.centres = centres;
        this.asks = asks;
        this.askTimeout = askTimeout;
        this.directory = directory;
        this.rules = rules;
        this.tables = tables;
    }

    Route route() {
        return concat(
                path(org.apache.pekko.http.javadsl.server.PathMatchers.segment("donors").slash("search"), () -> get(this::search)),
                path("stats", () -> get(this::stats)));
    }

    private Route search() {
        return parameterOptional("panel", panel -> parameterOptional("negative", negative ->
                parameterOptional("abo", abo -> parameterOptional("eligibleOn", eligibleOn ->
                parameterOptional("type", type -> parameterOptional("centre", centre ->
                parameterOptional("limit", limit -> parameterOptional("cursor", cursor -> {
                    var filter = new RegistryFilter(
                            panel.map(p -> Fields.parseEnum(p, Panel.class, "panel", "panel")).orElse(null),
                            negative.map(this::negativeMask).orElse(0L),
                            abo.map(a -> Fields.parseAbo(a, "abo", "abo")).orElse(null),
                            eligibleOn.map(d -> checks.parseDate(d, "eligibleOn")).orElse(null),
                            type.map(t -> Fields.parseEnum(t, DonationType.class, "type", "type")).orElse(DonationType.WHOLE_BLOOD));
                    int size = checks.pageSize(limit);
                    return onSuccess(searchPools(filter, centresFor(centre), cursor.orElse(null), size),
                            page -> complete(StatusCodes.OK, page, Json.marshaller()));
                }))))))));
    }

    private long negativeMask(String names) {
        long mask = 0;
        for (String name : names.split(",")) {
            mask |= tables.redCells().requireBit(name.trim(), "negative");
        }
        return mask;
    }

    private List<String> centresFor(Optional<String> centre) {
        return centre.map(c -> List.of(checks.centreCode(c, "centre")))
                .orElseGet(() -> centres.stream().map(Centre::code).toList());
    }

    /** Each pool's first {@code size + 1} matches after the cursor; merged, the first {@code size} of all. */
    private CompletionStage<Map<String, Object>> searchPools(RegistryFilter filter, List<String> codes, String cursor, int size) {
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
            return donors(page).thenApply(donors -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("donors", donors);
                body.put("nextCursor", more ? page.get(page.size() - 1) : null);
                return body;
            });
        });
    }

    private CompletionStage<List<DonorView>> donors(List<String> donorIds) {
        List<CompletableFuture<DonorEntity.Reply>> replies = donorIds.stream()
                .map(id -> directory.ask(id, DonorEntity.Get::new).toCompletableFuture())
                .toList();
        return CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).thenApply(all -> replies.stream()
                .map(CompletableFuture::join)
                .filter(r -> r instanceof DonorEntity.Accepted)
                .map(r -> DonorView.of(((DonorEntity.Accepted) r).donor(), rules, tables))
                .toList());
    }

    private Route stats() {
        return parameterOptional("from", from -> parameterOptional("to", to -> {
            LocalDate start = checks.parseDate(from.orElseThrow(() -> ApiError.invalid("from", "from is required")), "from");
            LocalDate end = checks.parseDate(to.orElseThrow(() -> ApiError.invalid("to", "to is required")), "to");
            if (end.isBefore(start)) {
                throw ApiError.invalid("to", "to " + end + " is before from " + start);
            }
            List<CompletableFuture<CentrePool.Counted>> answers = centres.stream()
                    .map(c -> askPool(c.code(), (ActorRef<CentrePool.Counted> r) -> new CentrePool.CountPanels(start, end, r)))
                    .toList();
            CompletionStage<Map<String, Object>> body = CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
                    .thenApply(all -> statsBody(start, end, answers.stream().map(CompletableFuture::join).toList()));
            return onSuccess(body, b -> complete(StatusCodes.OK, b, Json.marshaller()));
        }));
    }

    private static Map<String, Object> statsBody(LocalDate from, LocalDate to, List<CentrePool.Counted> counts) {
        List<Map<String, Object>> perCentre = new ArrayList<>();
        PoolCounts totalFrom = PoolCounts.ZERO;
        PoolCounts totalTo = PoolCounts.ZERO;
        for (CentrePool.Counted counted : counts) {
            requireReady(counted.ready(), counted.centre());
            Map<String, Object> centre = new LinkedHashMap<>();
            centre.put("centre", counted.centre());
            centre.putAll(figures(counted.from(), counted.to()));
            perCentre.add(centre);
            totalFrom = totalFrom.plus(counted.from());
            totalTo = totalTo.plus(counted.to());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("from", from);
        body.put("to", to);
        body.put("centres", perCentre);
        body.put("total", figures(totalFrom, totalTo));
        return body;
    }

    private static Map<String, Object> figures(PoolCounts from, PoolCounts to) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("donors", growth(from.donors(), to.donors()));
        figures.put("plateletPanel", growth(from.platelet(), to.platelet()));
        figures.put("rarePanel", growth(from.rare(), to.rare()));
        figures.put("permanentDeferrals", growth(from.permanentlyDeferred(), to.permanentlyDeferred()));
        return figures;
    }

    /** {@code growthPercent} is null when there was nothing to grow from. */
    private static Map<String, Object> growth(long from, long to) {
        Map<String, Object> figure = new LinkedHashMap<>();
        figure.put("from", from);
        figure.put("to", to);
        figure.put("growthPercent", from == 0 ? null : Math.round((to - from) * 1000.0 / from) / 10.0);
        return figure;
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
