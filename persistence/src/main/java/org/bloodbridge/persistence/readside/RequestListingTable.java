package org.bloodbridge.persistence.readside;

import com.datastax.oss.driver.api.core.cql.Row;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;

/**
 * The {@code match_requests_by_centre} table (cql/readside.cql): each centre's match requests,
 * newest first, for the request list.
 */
public final class RequestListingTable {
    static final String TABLE = "match_requests_by_centre";
    private static final List<String> COLUMNS = List.of("centre", "created_at", "request_id", "status", "product",
            "urgency", "hospital", "patient_reference", "needed_by", "seq_nr");

    private final NewestFirstTable<RequestListing> table;

    RequestListingTable(CassandraSession session, ReadSideSettings settings, OnceSucceeded<Done> schema) {
        this.table = new NewestFirstTable<>(session, settings, schema, TABLE, COLUMNS, RequestListingTable::fromRow);
    }

    /**
     * Writes {@code r} unless a listing of the same request with a higher {@code seqNr} is stored;
     * safe to repeat and to apply out of order; absent fields are left unset, the row deletion clears
     * older values (see {@link DonorSummaryTable#upsert}).
     */
    public CompletionStage<Done> upsert(RequestListing r) {
        return table.upsert(r.seqNr(), r.centre(), r.createdAt(), r.requestId(),
                ins -> Bindings.bindPresent(ins, r.centre(), r.createdAt(), r.requestId(), r.status(), r.product(),
                        r.urgency(), r.hospital(), r.patientReference(), r.neededBy(), r.seqNr(), r.seqNr()));
    }

    /**
     * Up to {@code limit} requests of {@code centre}, newest first, after {@code cursor} (null: from
     * the newest), only those with {@code status} when it is not null. Rows of other statuses are
     * skipped while reading, page after page, until {@code limit} are found or the centre has no more.
     *
     * @throws IllegalArgumentException for a malformed cursor or a limit below 1
     */
    public CompletionStage<ListingPage> list(String centre, String status, int limit, String cursor) {
        return table.list(centre, r -> status == null || status.equals(r.status()), status == null, limit, cursor,
                        ListingCursor::after)
                .thenApply(page -> new ListingPage(page.items(), page.nextCursor()));
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
}
