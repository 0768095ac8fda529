package org.bloodbridge.persistence.personaldata;

import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;
import org.bloodbridge.persistence.readside.OnceSucceeded;

/**
 * The {@code donor_keys} table (cql/readside.cql): each donor's own key, wrapped with the
 * {@link DeploymentKey}. Deleting a donor's row is what erases their name and phone from every
 * event and snapshot that holds them sealed.
 *
 * <p>A key is created with {@code IF NOT EXISTS} (a lightweight transaction), so two nodes sealing
 * for the same new donor at once agree on one key. It is deleted with {@code IF EXISTS} too: mixing
 * a plain write with lightweight transactions on one row can lose the plain write to the
 * transaction's timestamp, and a lost delete would leave the key alive.
 */
public final class PersonalDataKeys {
    static final String TABLE = "donor_keys";

    private final CassandraSession session;
    private final DeploymentKey deploymentKey;
    private final String profile;
    private final Clock clock;
    private final OnceSucceeded<PreparedStatement> select;
    private final OnceSucceeded<PreparedStatement> insert;
    private final OnceSucceeded<PreparedStatement> delete;

    /**
     * @param schema completes when the table exists
     * @param profile the driver profile of every statement (consistency LOCAL_QUORUM)
     */
    public PersonalDataKeys(CassandraSession session, OnceSucceeded<Done> schema, String keyspace, String profile,
            DeploymentKey deploymentKey, Clock clock) {
        this.session = session;
        this.deploymentKey = deploymentKey;
        this.profile = profile;
        this.clock = clock;
        String table = keyspace + "." + TABLE;
        this.select = prepared(schema, "SELECT wrapped FROM " + table + " WHERE donor_id = ?");
        this.insert = prepared(schema,
                "INSERT INTO " + table + " (donor_id, wrapped, created_at) VALUES (?, ?, ?) IF NOT EXISTS");
        this.delete = prepared(schema, "DELETE FROM " + table + " WHERE donor_id = ? IF EXISTS");
    }

    private OnceSucceeded<PreparedStatement> prepared(OnceSucceeded<Done> schema, String cql) {
        return new OnceSucceeded<>(() -> schema.get().thenCompose(done -> session.prepare(cql)));
    }

    /** The donor's key; empty when the donor has none (never had personal data, or it was erased). */
    public CompletionStage<Optional<DonorKey>> find(String donorId) {
        return execute(select.get().thenApply(ps -> ps.bind(donorId))).thenApply(result -> {
            Row row = result.one();
            return row == null ? Optional.empty() : Optional.of(unwrap(donorId, row));
        });
    }

    /** The donor's key, created now if the donor has none. */
    public CompletionStage<DonorKey> findOrCreate(String donorId) {
        return find(donorId).thenCompose(found -> found.isPresent()
                ? java.util.concurrent.CompletableFuture.completedFuture(found.get())
                : create(donorId));
    }

    /**
     * The donor's key, created now if the donor has none: for a donor who is most likely new (a
     * registration, an import line). One request instead of {@link #findOrCreate}'s two when the
     * donor is new: the insert itself answers with the existing key when there is one.
     */
    public CompletionStage<DonorKey> createOrFind(String donorId) {
        return create(donorId);
    }

    private CompletionStage<DonorKey> create(String donorId) {
        DonorKey key = PersonalDataCipher.newKey(donorId);
        ByteBuffer wrapped = ByteBuffer.wrap(PersonalDataCipher.wrap(deploymentKey, key));
        return execute(insert.get().thenApply(ps -> ps.bind(donorId, wrapped, clock.instant()))).thenApply(result -> {
            // Not applied: another node created one first, and the answer carries that row.
            return result.wasApplied() ? key : unwrap(donorId, result.one());
        });
    }

    /** Destroys the donor's key: everything sealed with it can never be opened again. Done also when there was none. */
    public CompletionStage<Done> delete(String donorId) {
        return execute(delete.get().thenApply(ps -> ps.bind(donorId))).thenApply(result -> Done.getInstance());
    }

    private DonorKey unwrap(String donorId, Row row) {
        ByteBuffer wrapped = row.getByteBuffer("wrapped");
        byte[] bytes = new byte[wrapped.remaining()];
        wrapped.duplicate().get(bytes);
        return PersonalDataCipher.unwrap(deploymentKey, donorId, bytes);
    }

    private CompletionStage<AsyncResultSet> execute(CompletionStage<BoundStatement> statement) {
        return statement.thenCombine(session.underlying(), (bound, cql) -> cql.executeAsync(
                        bound.setExecutionProfileName(profile)))
                .thenCompose(result -> result);
    }
}
