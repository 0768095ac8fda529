package org.bloodbridge.persistence.readside;

import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.pekko.Done;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;

/**
 * A read-side table of one partition per centre, clustered newest first by ({@code time} DESC,
 * {@code id} ASC), each row versioned by its entity's sequence number: the statements and the paging
 * that {@link RequestListingTable} and {@link RecallTable} share.
 */
final class NewestFirstTable<T> {
    /** A page of rows and the cursor of the next one (null at the end). */
    record Page<T>(List<T> items, String nextCursor) {}

    private final CassandraSession session;
    private final ReadSideSettings settings;
    private final Function<Row, T> fromRow;
    private final OnceSucceeded<PreparedStatement> delete;
    private final OnceSucceeded<PreparedStatement> insert;
    private final OnceSucceeded<PreparedStatement> selectAll;
    private final OnceSucceeded<PreparedStatement> selectSameTimeAfter;
    private final OnceSucceeded<PreparedStatement> selectOlder;

    /** @param columns the table's columns, the first three {@code centre}, {@code time}, {@code id} */
    NewestFirstTable(CassandraSession session, ReadSideSettings settings, OnceSucceeded<Done> schema, String table,
            List<String> columns, Function<Row, T> fromRow) {
        this.session = session;
        this.settings = settings;
        this.fromRow = fromRow;
        String name = settings.keyspace() + "." + table;
        String time = columns.get(1);
        String id = columns.get(2);
        String select = "SELECT " + String.join(", ", columns) + " FROM " + name + " WHERE centre = ?";
        this.delete = prepared(schema,
                "DELETE FROM " + name + " USING TIMESTAMP ? WHERE centre = ? AND " + time + " = ? AND " + id + " = ?");
        this.insert = prepared(schema, "INSERT INTO " + name + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", columns.stream().map(c -> "?").toList()) + ") USING TIMESTAMP ?");
        this.selectAll = prepared(schema, select);
        // The rows after (t, i) in clustering order (time DESC, id ASC) are those at t with a greater
        // id, then all older ones. A tuple comparison cannot say that: it compares both columns ascending.
        this.selectSameTimeAfter = prepared(schema, select + " AND " + time + " = ? AND " + id + " > ?");
        this.selectOlder = prepared(schema, select + " AND " + time + " < ?");
    }

    private OnceSucceeded<PreparedStatement> prepared(OnceSucceeded<Done> schema, String cql) {
        return new OnceSucceeded<>(() -> schema.get().thenCompose(done -> session.prepare(cql)));
    }

    /**
     * Writes a row as of its entity's event {@code seqNr} unless a newer version is stored: the row
     * deleted at {@code seqNr - 1}, then inserted at {@code seqNr} ({@code bindInsert} binds every
     * column, then the timestamp). Safe to repeat and to apply out of order (see
     * {@link DonorSummaryTable#upsert}).
     */
    CompletionStage<Done> upsert(long seqNr, String centre, Instant time, String id,
            Function<PreparedStatement, BoundStatement> bindInsert) {
        return delete.get().thenCombine(insert.get(), (del, ins) -> BatchStatement.newInstance(DefaultBatchType.UNLOGGED,
                        del.bind(seqNr - 1, centre, time, id), bindInsert.apply(ins))
                .setExecutionProfileName(settings.profile()))
                .thenCompose(session::executeWrite);
    }

    /**
     * Up to {@code limit} rows of {@code centre} that {@code keep} accepts, newest first, after
     * {@code cursor} (null: from the newest). Rows not kept are skipped while reading, page after
     * page, until {@code limit} are found or the centre has no more.
     *
     * @throws IllegalArgumentException for a malformed cursor or a limit below 1
     */
    CompletionStage<Page<T>> list(String centre, Predicate<T> keep, boolean keepsAll, int limit, String cursor,
            Function<T, ListingCursor> cursorOf) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        ListingCursor after = cursor == null ? null : ListingCursor.decode(cursor);
        List<T> found = new ArrayList<>();
        int wanted = limit + 1; // one more than asked for tells whether there is a next page
        Predicate<Row> offer = row -> {
            T item = fromRow.apply(row);
            if (keep.test(item)) {
                found.add(item);
            }
            return found.size() >= wanted;
        };
        // When every row counts, a page need hold no more than that.
        int pageSize = keepsAll ? Math.min(wanted, settings.listingPageSize()) : settings.listingPageSize();
        CompletionStage<Done> read;
        if (after == null) {
            read = rows(selectAll, ps -> ps.bind(centre), pageSize, offer);
        } else {
            read = rows(selectSameTimeAfter, ps -> ps.bind(centre, after.createdAt(), after.requestId()), pageSize, offer)
                    .thenCompose(done -> found.size() >= wanted ? CompletableFuture.completedFuture(done)
                            : rows(selectOlder, ps -> ps.bind(centre, after.createdAt()), pageSize, offer));
        }
        return read.thenApply(done -> found.size() <= limit
                ? new Page<>(found, null)
                : new Page<>(found.subList(0, limit), cursorOf.apply(found.get(limit - 1)).encode()));
    }

    /** Every row of {@code centre}, newest first, until {@code enough} says stop. */
    CompletionStage<Done> readAll(String centre, Predicate<T> enough) {
        return rows(selectAll, ps -> ps.bind(centre), settings.loadPageSize(), row -> enough.test(fromRow.apply(row)));
    }

    private CompletionStage<Done> rows(OnceSucceeded<PreparedStatement> statement,
            Function<PreparedStatement, BoundStatement> bind, int pageSize, Predicate<Row> enough) {
        return PagedRead.rows(session, statement.get().thenApply(bind), pageSize, settings.profile(), enough);
    }
}
