package org.bloodbridge.persistence.readside;

import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.apache.pekko.Done;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;
import org.bloodbridge.engine.donor.DonorSummary;
import org.bloodbridge.engine.donor.DonorTags;
import org.bloodbridge.engine.donor.Typing;
import org.bloodbridge.engine.typing.Abo;
import org.bloodbridge.engine.typing.RhD;

/**
 * The {@code donor_summaries} table (cql/readside.cql): the newest {@link DonorSummary} of every
 * donor, partitioned by home centre and tag slice, for the pool indexes to load at start.
 */
public final class DonorSummaryTable {
    static final String TABLE = "donor_summaries";
    private static final String COLUMNS = "centre, slice, donor_id, seq_nr, as_of, typing, abo, rh_d, "
            + "eligible_platelets, eligible_whole_blood, registered_on, hla_typed_on, red_cell_typed_on, "
            + "permanently_deferred_on, reserved_for";
    private static final ObjectMapper JSON = new ObjectMapper();
    // Bound once: a pool rebuild reads every typed donor's typing.
    private static final ObjectReader TYPING = JSON.readerFor(Typing.class);

    private final CassandraSession session;
    private final ReadSideSettings settings;
    private final Executor executor;
    private final OnceSucceeded<PreparedStatement> delete;
    private final OnceSucceeded<PreparedStatement> insert;
    private final OnceSucceeded<PreparedStatement> selectSlice;

    DonorSummaryTable(CassandraSession session, ReadSideSettings settings, OnceSucceeded<Done> schema, Executor executor) {
        this.session = session;
        this.settings = settings;
        this.executor = executor;
        String table = settings.keyspace() + "." + TABLE;
        this.delete = prepared(schema, "DELETE FROM " + table + " USING TIMESTAMP ? WHERE centre = ? AND slice = ? AND donor_id = ?");
        this.insert = prepared(schema, "INSERT INTO " + table + " (" + COLUMNS + ") "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) USING TIMESTAMP ?");
        this.selectSlice = prepared(schema, "SELECT " + COLUMNS + " FROM " + table + " WHERE centre = ? AND slice = ?");
    }

    private OnceSucceeded<PreparedStatement> prepared(OnceSucceeded<Done> schema, String cql) {
        return new OnceSucceeded<>(() -> schema.get().thenCompose(done -> session.prepare(cql)));
    }

    /**
     * Writes {@code s} unless a summary with a higher {@code seqNr} is already stored. Safe to repeat
     * and to apply out of order: the row is written at timestamp {@code seqNr}, so Cassandra keeps the
     * newest. The row is first deleted at {@code seqNr - 1} (same partition, one mutation), which
     * clears fields an older summary had and this one leaves null; this one's null fields are left
     * unset ({@link Bindings}), so they write no tombstone per cell (loads would count them against
     * Cassandra's tombstone thresholds). A row deletion under a live row is not counted by reads.
     */
    public CompletionStage<Done> upsert(DonorSummary s) {
        int slice = DonorTags.slice(s.donorId()); // the partition slice is the slice of its event tag
        String typing = s.typing() == null ? null : toJson(s.typing());
        return delete.get().thenCombine(insert.get(), (del, ins) -> BatchStatement.newInstance(DefaultBatchType.UNLOGGED,
                        del.bind(s.seqNr() - 1, s.homeCentre(), slice, s.donorId()),
                        Bindings.bindPresent(ins, s.homeCentre(), slice, s.donorId(), s.seqNr(), s.asOf(), typing, name(s.abo()), name(s.rhD()),
                                s.eligiblePlatelets(), s.eligibleWholeBlood(), s.registeredOn(), s.hlaTypedOn(),
                                s.redCellTypedOn(), s.permanentlyDeferredOn(), s.reservedFor(), s.seqNr()))
                .setExecutionProfileName(settings.profile()))
                .thenCompose(session::executeWrite);
    }

    /**
     * Reads every donor summary of {@code centre}, its 8 partitions in parallel, and hands them to
     * {@code page} one driver page at a time. {@code page} is called from several threads, possibly
     * at once (pages of one partition come in order, one after the other). The next page is requested
     * before a page is handed over, so Cassandra reads while {@code page} works. Completes when every
     * page has been handed over, or fails with the first failure (also one thrown by {@code page}).
     */
    public CompletionStage<Done> loadCentre(String centre, Consumer<List<DonorSummary>> page) {
        CompletableFuture<?>[] slices = new CompletableFuture<?>[DonorTags.SLICES];
        for (int slice = 0; slice < DonorTags.SLICES; slice++) {
            int s = slice;
            slices[slice] = selectSlice.get()
                    .thenCombine(session.underlying(), (select, cql) -> cql.executeAsync(select.bind(centre, s)
                            .setPageSize(settings.loadPageSize())
                            .setExecutionProfileName(settings.profile())))
                    .thenCompose(result -> result)
                    .thenComposeAsync(result -> drain(result, page), executor)
                    .toCompletableFuture();
        }
        return CompletableFuture.allOf(slices).thenApply(all -> Done.getInstance());
    }

    private CompletionStage<Done> drain(AsyncResultSet result, Consumer<List<DonorSummary>> page) {
        CompletionStage<AsyncResultSet> next = result.hasMorePages() ? result.fetchNextPage() : null;
        List<DonorSummary> rows = new ArrayList<>(result.remaining());
        for (Row row : result.currentPage()) {
            rows.add(fromRow(row));
        }
        page.accept(rows); // if it throws, the load fails and the prefetched page is dropped
        if (next == null) {
            return CompletableFuture.completedFuture(Done.getInstance());
        }
        return next.thenComposeAsync(nextResult -> drain(nextResult, page), executor);
    }

    /** By column index (the order of COLUMNS): a lookup by name per cell is measurable over a million rows. */
    private static DonorSummary fromRow(Row row) {
        String typing = row.getString(5);
        return new DonorSummary(
                row.getString(2),
                row.getString(0),
                row.getLong(3),
                row.getLocalDate(4),
                typing == null ? null : fromJson(typing),
                abo(row.getString(6)),
                rhD(row.getString(7)),
                row.getLocalDate(8),
                row.getLocalDate(9),
                row.getLocalDate(10),
                row.getLocalDate(11),
                row.getLocalDate(12),
                row.getLocalDate(13),
                row.getString(14));
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    /** As the API wrote it (upper case); a value no longer read counts as untyped, as the pool index always did. */
    private static Abo abo(String text) {
        try {
            return text == null ? null : Abo.parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static RhD rhD(String text) {
        try {
            return text == null ? null : RhD.parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String toJson(Typing typing) {
        try {
            return JSON.writeValueAsString(typing);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write a typing as JSON", e);
        }
    }

    private static Typing fromJson(String json) {
        try {
            return TYPING.readValue(json);
        } catch (JsonProcessingException e) {
            // The message would quote the stored typing; the cause keeps it for a developer.
            throw new IllegalStateException("a stored typing is not valid JSON", e);
        }
    }
}
