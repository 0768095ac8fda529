package org.bloodbridge.persistence.readside;

import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.Done;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;
import org.bloodbridge.engine.eligibility.DonationType;
import org.bloodbridge.engine.eligibility.Marker;
import org.bloodbridge.engine.lookback.Acknowledgement;
import org.bloodbridge.engine.lookback.Recall;
import org.bloodbridge.engine.lookback.RecallOutcome;
import org.bloodbridge.engine.lookback.RecallStatus;

/**
 * The {@code recalls_by_centre} table (cql/readside.cql): each collecting centre's look-back recalls,
 * newest first. The DonorEntity's events are the record; this is their listing.
 */
public final class RecallTable {
    static final String TABLE = "recalls_by_centre";
    private static final String COLUMNS = "centre, opened_at, recall_id, donor_id, donation_date, donation_type, din, marker,"
            + " test_date, status, outcome, note, acknowledged_at, acknowledged_by_centre, acknowledged_by, seq_nr";

    private final CassandraSession session;
    private final ReadSideSettings settings;
    private final OnceSucceeded<PreparedStatement> delete;
    private final OnceSucceeded<PreparedStatement> insert;
    private final OnceSucceeded<PreparedStatement> selectAll;
    private final OnceSucceeded<PreparedStatement> selectSameTimeAfter;
    private final OnceSucceeded<PreparedStatement> selectOlder;

    RecallTable(CassandraSession session, ReadSideSettings settings, OnceSucceeded<Done> schema) {
        this.session = session;
        this.settings = settings;
        String table = settings.keyspace() + "." + TABLE;
        String select = "SELECT " + COLUMNS + " FROM " + table + " WHERE centre = ?";
        this.delete = prepared(schema,
                "DELETE FROM " + table + " USING TIMESTAMP ? WHERE centre = ? AND opened_at = ? AND recall_id = ?");
        this.insert = prepared(schema, "INSERT INTO " + table + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " USING TIMESTAMP ?");
        this.selectAll = prepared(schema, select);
        // As RequestListingTable: the rows after (t, id) are those at t with a greater id, then all older ones.
        this.selectSameTimeAfter = prepared(schema, select + " AND opened_at = ? AND recall_id > ?");
        this.selectOlder = prepared(schema, select + " AND opened_at < ?");
    }

    private OnceSucceeded<PreparedStatement> prepared(OnceSucceeded<Done> schema, String cql) {
        return new OnceSucceeded<>(() -> schema.get().thenCompose(done -> session.prepare(cql)));
    }

    /**
     * Writes {@code r} as of the donor entity's event {@code seqNr}, unless a newer version is stored:
     * safe to repeat and to apply out of order (see {@link DonorSummaryTable#upsert}).
     */
    public CompletionStage<Done> upsert(Recall r, long seqNr) {
        Acknowledgement ack = r.acknowledgement();
        return delete.get().thenCombine(insert.get(), (del, ins) -> BatchStatement.newInstance(DefaultBatchType.UNLOGGED,
                        del.bind(seqNr - 1, r.centre(), r.openedAt(), r.recallId()),
                        ins.bind(r.centre(), r.openedAt(), r.recallId(), r.donorId(), r.donationDate(), r.donationType().name(),
                                r.din(), r.marker().name(), r.testDate(), r.status().name(),
                                ack == null ? null : ack.outcome().name(), ack == null ? null : ack.note(),
                                ack == null ? null : ack.at(), ack == null ? null : ack.centre(),
                                ack == null ? null : ack.subject(), seqNr, seqNr))
                .setExecutionProfileName(settings.profile()))
                .thenCompose(session::executeWrite);
    }

    /**
     * Up to {@code limit} recalls of {@code centre}, newest first, after {@code cursor} (null: from the
     * newest), only those with {@code status} when it is not null.
     *
     * @throws IllegalArgumentException for a malformed cursor or a limit below 1
     */
    public CompletionStage<RecallPage> list(String centre, RecallStatus status, int limit, String cursor) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        ListingCursor after = cursor == null ? null : ListingCursor.decode(cursor);
        List<Recall> found = new ArrayList<>();
        int wanted = limit + 1; // one more than asked for tells whether there is a next page
        Function<Row, Boolean> offer = row -> {
            Recall r = fromRow(row);
            if (status == null || r.status() == status) {
                found.add(r);
            }
            return found.size() >= wanted;
        };
        int pageSize = status == null ? Math.min(wanted, settings.listingPageSize()) : settings.listingPageSize();
        CompletionStage<Done> read;
        if (after == null) {
            read = readAll(selectAll, ps -> ps.bind(centre), pageSize, offer);
        } else {
            read = readAll(selectSameTimeAfter, ps -> ps.bind(centre, after.createdAt(), after.requestId()), pageSize, offer)
                    .thenCompose(done -> found.size() >= wanted ? CompletableFuture.completedFuture(done)
                            : readAll(selectOlder, ps -> ps.bind(centre, after.createdAt()), pageSize, offer));
        }
        return read.thenApply(done -> {
            if (found.size() <= limit) {
                return new RecallPage(found, null);
            }
            Recall last = found.get(limit - 1);
            return new RecallPage(found.subList(0, limit), new ListingCursor(last.openedAt(), last.recallId()).encode());
        });
    }

    /** The open and acknowledged recalls of {@code centre} and the median time to acknowledge, from all its rows. */
    public CompletionStage<RecallFigures> figures(String centre) {
        long[] open = {0};
        List<Long> seconds = new ArrayList<>();
        return readAll(selectAll, ps -> ps.bind(centre), settings.loadPageSize(), row -> {
            Recall r = fromRow(row);
            if (r.acknowledgement() == null) {
                open[0]++;
            } else {
                seconds.add(Duration.between(r.openedAt(), r.acknowledgement().at()).toSeconds());
            }
            return false;
        }).thenApply(done -> new RecallFigures(open[0], seconds.size(), median(seconds)));
    }

    /** The middle value, or the mean of the two middle ones rounded down; null for none. */
    static Long median(List<Long> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : Math.floorDiv(sorted.get(n / 2 - 1) + sorted.get(n / 2), 2);
    }

    private CompletionStage<Done> readAll(OnceSucceeded<PreparedStatement> statement,
            Function<PreparedStatement, BoundStatement> bind, int pageSize, Function<Row, Boolean> enough) {
        return PagedRead.rows(session, statement.get().thenApply(bind), pageSize, settings.profile(), enough::apply);
    }

    private static Recall fromRow(Row row) {
        String outcome = row.getString("outcome");
        Acknowledgement ack = outcome == null ? null : new Acknowledgement(RecallOutcome.valueOf(outcome), row.getString("note"),
                row.getString("acknowledged_by_centre"), row.getString("acknowledged_by"), row.getInstant("acknowledged_at"));
        return new Recall(row.getString("recall_id"), row.getString("donor_id"), row.getString("centre"),
                row.getLocalDate("donation_date"), DonationType.valueOf(row.getString("donation_type")), row.getString("din"),
                Marker.valueOf(row.getString("marker")), row.getLocalDate("test_date"), row.getInstant("opened_at"), ack);
    }
}
