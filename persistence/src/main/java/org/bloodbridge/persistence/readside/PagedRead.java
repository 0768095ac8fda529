package org.bloodbridge.persistence.readside;

import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;
import org.apache.pekko.Done;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;

/**
 * Reads a query's rows page by page, in order, until {@code enough} says it has what it needs or the
 * rows run out: a listing that filters while it reads fetches only the pages it uses.
 */
final class PagedRead {
    private PagedRead() {}

    /** @param enough takes each row in turn; true stops the reading */
    static CompletionStage<Done> rows(CassandraSession session, CompletionStage<BoundStatement> statement, int pageSize,
            String profile, Predicate<Row> enough) {
        return statement
                .thenCombine(session.underlying(), (bound, cql) -> cql.executeAsync(bound
                        .setPageSize(pageSize)
                        .setExecutionProfileName(profile)))
                .thenCompose(result -> result)
                .thenCompose(result -> drain(result, enough));
    }

    private static CompletionStage<Done> drain(AsyncResultSet result, Predicate<Row> enough) {
        for (Row row : result.currentPage()) {
            if (enough.test(row)) {
                return CompletableFuture.completedFuture(Done.getInstance());
            }
        }
        if (!result.hasMorePages()) {
            return CompletableFuture.completedFuture(Done.getInstance());
        }
        return result.fetchNextPage().thenCompose(next -> drain(next, enough));
    }
}
