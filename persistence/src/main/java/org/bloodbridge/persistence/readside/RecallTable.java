package org.bloodbridge.persistence.readside;

import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
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
    private static final List<String> COLUMNS = List.of("centre", "opened_at", "recall_id", "donor_id", "donation_date",
            "donation_type", "din", "marker", "test_date", "status", "outcome", "note", "acknowledged_at",
            "acknowledged_by_centre", "acknowledged_by", "seq_nr");

    private final NewestFirstTable<Recall> table;

    RecallTable(CassandraSession session, ReadSideSettings settings, OnceSucceeded<Done> schema) {
        this.table = new NewestFirstTable<>(session, settings, schema, TABLE, COLUMNS, RecallTable::fromRow);
    }

    /**
     * Writes {@code r} as of the donor entity's event {@code seqNr}, unless a newer version is stored:
     * safe to repeat and to apply out of order (see {@link DonorSummaryTable#upsert}).
     */
    public CompletionStage<Done> upsert(Recall r, long seqNr) {
        Acknowledgement ack = r.acknowledgement();
        return table.upsert(seqNr, r.centre(), r.openedAt(), r.recallId(),
                ins -> ins.bind(r.centre(), r.openedAt(), r.recallId(), r.donorId(), r.donationDate(), r.donationType().name(),
                        r.din(), r.marker().name(), r.testDate(), r.status().name(),
                        ack == null ? null : ack.outcome().name(), ack == null ? null : ack.note(),
                        ack == null ? null : ack.at(), ack == null ? null : ack.centre(),
                        ack == null ? null : ack.subject(), seqNr, seqNr));
    }

    /**
     * Up to {@code limit} recalls of {@code centre}, newest first, after {@code cursor} (null: from the
     * newest), only those with {@code status} when it is not null.
     *
     * @throws IllegalArgumentException for a malformed cursor or a limit below 1
     */
    public CompletionStage<RecallPage> list(String centre, RecallStatus status, int limit, String cursor) {
        return table.list(centre, r -> status == null || r.status() == status, status == null, limit, cursor,
                        r -> new ListingCursor(r.openedAt(), r.recallId()))
                .thenApply(page -> new RecallPage(page.items(), page.nextCursor()));
    }

    /** The open and acknowledged recalls of {@code centre} and the median time to acknowledge, from all its rows. */
    public CompletionStage<RecallFigures> figures(String centre) {
        long[] open = {0};
        List<Long> seconds = new ArrayList<>();
        return table.readAll(centre, r -> {
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

    private static Recall fromRow(Row row) {
        String outcome = row.getString("outcome");
        Acknowledgement ack = outcome == null ? null : new Acknowledgement(RecallOutcome.valueOf(outcome), row.getString("note"),
                row.getString("acknowledged_by_centre"), row.getString("acknowledged_by"), row.getInstant("acknowledged_at"));
        return new Recall(row.getString("recall_id"), row.getString("donor_id"), row.getString("centre"),
                row.getLocalDate("donation_date"), DonationType.valueOf(row.getString("donation_type")), row.getString("din"),
                Marker.valueOf(row.getString("marker")), row.getLocalDate("test_date"), row.getInstant("opened_at"), ack);
    }
}
