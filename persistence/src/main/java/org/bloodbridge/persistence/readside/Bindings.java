package org.bloodbridge.persistence.readside;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import java.util.Collection;

/**
 * Binding the read side's writes. A bound null writes a tombstone, one per cell, which every later
 * read of the row counts (a pool rebuild read "2000 live rows and ~5,800 tombstone cells" a page);
 * an unset value writes nothing. So absent values are left unset, and the writes that replace a
 * row clear its older values with one row deletion instead (see {@link DonorSummaryTable#upsert}).
 */
final class Bindings {
    private Bindings() {}

    /** {@code values} bound in order, with each null (and empty collection, which Cassandra stores as null) left unset. */
    static BoundStatement bindPresent(PreparedStatement statement, Object... values) {
        BoundStatementBuilder builder = statement.boundStatementBuilder(values);
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null || (values[i] instanceof Collection<?> c && c.isEmpty())) {
                builder.unset(i);
            }
        }
        return builder.build();
    }
}
