package org.bloodbridge.persistence.readside;

import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.Done;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;

/**
 * The {@code match_requests_by_centre} table (cql/readside.cql): each centre's match requests,
 * newest first, for the request list.
 */
public final class RequestListingTable {
    static final String TABLE = "match_requests_by_centre";
    private static final String COLUMNS =
            "centre, created_at, request_id, status, product, urgency, hospital, patient_reference, needed_by, seq_nr";

    private final CassandraSession session;
    private final ReadSideSettings settings;
    private final OnceSucceeded<PreparedStatement> delete;
    private final OnceSucceeded<PreparedStatement> insert;
    private final OnceSucceeded<PreparedStatement> selectAll;
    private final OnceSucceeded<PreparedStatement> selectSameTimeAfter;
    private final OnceSucceeded<PreparedStatement> selectOlder;

    RequestListingTable(CassandraSession session, ReadSideSettings settings, OnceSucceeded<Done> schema) {
        this.session = session;
        this.settings = settings;
        String table = settings.keyspace() + "." + TABLE;
        String select = "SELECT " + COLUMNS + " FROM " + table + " WHERE centre = ?";
        this.delete = prepared(schema,
                "DELETE FROM " + table + " USING TIMESTAMP ? WHERE centre = ? AND created_at = ? AND request_id = ?");
        this.insert = prepared(schema, "INSERT INTO " + table + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " USING TIMESTAMP ?");
        this.selectAll = prepared(schema, select);
        // The rows after (c, r) in clustering order (created_at DESC, request_id ASC) are those at c
        // with a greater request_id, then all older ones. A tuple comparison cannot say that: it
        // compares both columns ascending.
        this.selectSameTimeAfter = prepared(schema, select + " AND created_at = ? AND request_id > ?");
        this.selectOlder = prepared(schema, select + " AND created_at < ?");
    }

    private OnceSucceeded<PreparedStatement> prepared(OnceSucceeded<Done> schema, String cql) {
        return new OnceSucceeded<>(() -> schema.get().thenCompose(done -> session.prepare(cql)));
    }

    /**
     * Writes {@code r} unless a listing of the same request with a higher {@code seqNr} is stored;
     * safe to repeat and to apply out of order; absent fields are left unset, the row deletion clears
     * older values (see {@link DonorSummaryTable#upsert}).
     */
    public CompletionStage<Done> upsert(RequestListing r) {
        return delete.get().thenCombine(insert.get(), (del, ins) -> BatchStatement.newInstance(DefaultBatchType.UNLOGGED,
                        del.bind(r.seqNr() - 1, r.centre(), r.createdAt(), r.requestId()),
                        Bindings.bindPresent(ins, r.centre(), r.createdAt(), r.requestId(), r.status(), r.product(), r.urgency(),
                                r.hospital(), r.patientReference(), r.neededBy(), r.seqNr(), r.seqNr()))
                .setExecutionProfileName(settings.profile()))
                .thenCompose(session::executeWrite);
    }

    /**
     * Up to {@code limit} requests of {@code centre}, newest first, after {@code cursor} (null: from
     * the newest), only those with {@code status} when it is not null. Rows of other statuses are
     * skipped while reading, page after page, until {@code limit} are found or the centre has no more.
     *
     * @throws IllegalArgumentException for a malformed cursor or a limit below 1
     */
    public CompletionStage<ListingPage> list(String centre, String status, int limit, String cursor) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        ListingCursor after = cursor == null ? null : ListingCursor.decode(cursor);
        // One more than asked for tells whether there is a next page.
        Collector collector = new Collector(status, limit + 1);
        // With no filter every row counts, so a page need hold no more than that.
        int pageSize = status == null ? Math.min(limit + 1, settings.listingPageSize()) : settings.listingPageSize();
        CompletionStage<Done> read;
        if (after == null) {
            read = readAll(selectAll, ps -> ps.bind(centre), pageSize, collector);
        } else {
            read = readAll(selectSameTimeAfter, ps -> ps.bind(centre, after.createdAt(), after.requestId()), pageSize, collector)
                    .thenCompose(done -> collector.full() ? CompletableFuture.completedFuture(done)
                            : readAll(selectOlder, ps -> ps.bind(centre, after.createdAt()), pageSize, collector));
        }
        return read.thenApply(done -> collector.page(limit));
    }

    private CompletionStage<Done> readAll(OnceSucceeded<PreparedStatement> statement,
                                          Function<PreparedStatement, BoundStatement> bind, int pageSize,
                                          Collector collector) {
        return PagedRead.rows(session, statement.get().thenApply(bind), pageSize, settings.profile(),
                row -> collector.offer(fromRow(row)));
    }

    private static RequestListing fromRow(Row row) {
        return new RequestListing(
                row.getString("centre"),
                row.getInstant("created_at"),
                row.getString("request_id"),
                row.getString("status"),
                row.getString("product"),
                row.getString("urgency"),
                row.getString("hospital"),
                row.getString("patient_reference"),
                row.getLocalDate("needed_by"),
                row.getLong("seq_nr"));
    }

    /** The matching rows of one listing, in reading order; one reader at a time. */
    private static final class Collector {
        private final String status;
        private final int wanted;
        private final List<RequestListing> found = new ArrayList<>();

        Collector(String status, int wanted) {
            this.status = status;
            this.wanted = wanted;
        }

        /** Keeps {@code r} if it matches; true once enough are found. */
        boolean offer(RequestListing r) {
            if (status == null || status.equals(r.status())) {
                found.add(r);
            }
            return full();
        }

        boolean full() {
            return found.size() >= wanted;
        }

        ListingPage page(int limit) {
            if (found.size() <= limit) {
                return new ListingPage(found, null);
            }
            List<RequestListing> shown = found.subList(0, limit);
            return new ListingPage(shown, ListingCursor.after(shown.get(limit - 1)).encode());
        }
    }
}
