package org.bloodbridge.persistence.readside;

import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.uuid.Uuids;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;

/**
 * The audit trail's tables (cql/readside.cql: {@code audit_by_day}, {@code audit_by_resource},
 * {@code audit_by_subject}). {@link #append} only ever inserts; {@link #list} reads an auditor's page.
 */
public final class AuditTable {
    private static final String ENTRY = "username, centres, roles, client, action, resources, scope, outcome";
    /** Rows per unlogged batch when an entry names many resources (a batch eligibility check by ID card). */
    private static final int BATCH = 100;
    /** Days an unfiltered listing reads back at most in one call. */
    private static final int MAX_DAYS = 400;
    private static final String MALFORMED = "cursor is malformed: pass the nextCursor of an earlier page unchanged";

    private final CassandraSession session;
    private final ReadSideSettings settings;
    private final OnceSucceeded<PreparedStatement> insertDay;
    private final OnceSucceeded<PreparedStatement> insertResource;
    private final OnceSucceeded<PreparedStatement> insertSubject;
    private final OnceSucceeded<PreparedStatement> selectDay;
    private final OnceSucceeded<PreparedStatement> selectResource;
    private final OnceSucceeded<PreparedStatement> selectSubject;

    AuditTable(CassandraSession session, ReadSideSettings settings, OnceSucceeded<Done> schema) {
        this.session = session;
        this.settings = settings;
        String ks = settings.keyspace() + ".";
        String values = "?, ?, ?, ?, ?, ?, ?, ?, ?, ?";
        this.insertDay = prepared(schema, "INSERT INTO " + ks + "audit_by_day (day, at, subject, " + ENTRY
                + ") VALUES (" + values + ", ?)");
        this.insertResource = prepared(schema, "INSERT INTO " + ks + "audit_by_resource (resource, at, subject, " + ENTRY
                + ") VALUES (" + values + ", ?)");
        this.insertSubject = prepared(schema, "INSERT INTO " + ks + "audit_by_subject (subject, at, " + ENTRY
                + ") VALUES (" + values + ")");
        String range = " AND at >= ? AND at < ?";
        this.selectDay = prepared(schema, "SELECT at, subject, " + ENTRY + " FROM " + ks + "audit_by_day WHERE day = ?" + range);
        this.selectResource = prepared(schema,
                "SELECT at, subject, " + ENTRY + " FROM " + ks + "audit_by_resource WHERE resource = ?" + range);
        this.selectSubject = prepared(schema,
                "SELECT at, subject, " + ENTRY + " FROM " + ks + "audit_by_subject WHERE subject = ?" + range);
    }

    private OnceSucceeded<PreparedStatement> prepared(OnceSucceeded<Done> schema, String cql) {
        return new OnceSucceeded<>(() -> schema.get().thenCompose(done -> session.prepare(cql)));
    }

    /** A new entry's id: a time-based UUID of now, unique. */
    public static UUID newId() {
        return Uuids.timeBased();
    }

    /** When the entry with id {@code id} was made. */
    public static Instant timeOf(UUID id) {
        return Instant.ofEpochMilli(Uuids.unixTimestamp(id));
    }

    /**
     * Stores {@code e}; completes once every row of it is written, fails if any is not. Rows are
     * new (a new time-based id): an absent username or an empty set is left unset, not a tombstone.
     */
    public CompletionStage<Done> append(AuditEntry e) {
        return insertDay.get().thenCompose(day -> insertResource.get().thenCompose(res -> insertSubject.get()
                .thenCompose(sub -> {
                    List<BoundStatement> rows = new ArrayList<>();
                    LocalDate date = LocalDate.ofInstant(e.at(), ZoneOffset.UTC);
                    rows.add(Bindings.bindPresent(day, date, e.id(), e.subject(), e.username(), e.centres(), e.roles(), e.client(),
                            e.action(), e.resources(), e.scope(), e.outcome()));
                    rows.add(Bindings.bindPresent(sub, e.subject(), e.id(), e.username(), e.centres(), e.roles(), e.client(), e.action(),
                            e.resources(), e.scope(), e.outcome()));
                    for (String resource : e.resources()) {
                        rows.add(Bindings.bindPresent(res, resource, e.id(), e.subject(), e.username(), e.centres(), e.roles(), e.client(),
                                e.action(), e.resources(), e.scope(), e.outcome()));
                    }
                    List<CompletableFuture<?>> writes = new ArrayList<>();
                    for (int i = 0; i < rows.size(); i += BATCH) {
                        BatchStatementBuilder batch = BatchStatement.builder(DefaultBatchType.UNLOGGED)
                                .setExecutionProfileName(settings.profile());
                        rows.subList(i, Math.min(rows.size(), i + BATCH)).forEach(batch::addStatement);
                        writes.add(session.executeWrite(batch.build()).toCompletableFuture());
                    }
                    return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new))
                            .thenApply(done -> Done.getInstance());
                })));
    }

    /**
     * One page of entries, newest first.
     *
     * @throws IllegalArgumentException for a malformed cursor or a limit below 1
     */
    public CompletionStage<AuditPage> list(AuditQuery q) {
        if (q.limit() < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        UUID lower = Uuids.startOf(q.from().toEpochMilli());
        UUID upper = q.cursor() == null ? Uuids.endOf(q.to().toEpochMilli()) : decode(q.cursor());
        Collector collector = new Collector(q, q.limit() + 1);
        CompletionStage<Done> read;
        if (!q.resources().isEmpty()) {
            read = readAll(selectResource.get().thenApply(ps -> ps.bind(q.resources().get(0), lower, upper)), collector);
        } else if (q.subject() != null) {
            read = readAll(selectSubject.get().thenApply(ps -> ps.bind(q.subject(), lower, upper)), collector);
        } else {
            LocalDate first = LocalDate.ofInstant(q.from(), ZoneOffset.UTC);
            LocalDate last = LocalDate.ofInstant(Instant.ofEpochMilli(Uuids.unixTimestamp(upper)), ZoneOffset.UTC);
            if (last.isAfter(first.plusDays(MAX_DAYS))) {
                first = last.minusDays(MAX_DAYS);
            }
            read = readDays(last, first, lower, upper, collector);
        }
        return read.thenApply(done -> collector.page(q.limit()));
    }

    private CompletionStage<Done> readDays(LocalDate day, LocalDate first, UUID lower, UUID upper, Collector collector) {
        if (day.isBefore(first) || collector.full()) {
            return CompletableFuture.completedFuture(Done.getInstance());
        }
        return readAll(selectDay.get().thenApply(ps -> ps.bind(day, lower, upper)), collector)
                .thenCompose(done -> readDays(day.minusDays(1), first, lower, upper, collector));
    }

    private CompletionStage<Done> readAll(CompletionStage<BoundStatement> statement, Collector collector) {
        return PagedRead.rows(session, statement, settings.listingPageSize(), settings.profile(),
                row -> collector.offer(fromRow(row)));
    }

    private static AuditEntry fromRow(Row row) {
        UUID id = row.getUuid("at");
        return new AuditEntry(id, timeOf(id), row.getString("subject"),
                row.getString("username"), orEmpty(row.getSet("centres", String.class)),
                orEmpty(row.getSet("roles", String.class)), row.getString("client"), row.getString("action"),
                row.getList("resources", String.class), orEmpty(row.getSet("scope", String.class)), row.getInt("outcome"));
    }

    private static Set<String> orEmpty(Set<String> set) {
        return set == null ? Set.of() : set;
    }

    private static UUID decode(String cursor) {
        try {
            UUID id = UUID.fromString(cursor);
            if (id.version() != 1) {
                throw new IllegalArgumentException(MALFORMED);
            }
            return id;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(MALFORMED);
        }
    }

    /** The entries of one page that pass the query's filters, in reading order; one reader at a time. */
    private static final class Collector {
        private final AuditQuery q;
        private final int wanted;
        private final List<AuditEntry> found = new ArrayList<>();

        Collector(AuditQuery q, int wanted) {
            this.q = q;
            this.wanted = wanted;
        }

        boolean offer(AuditEntry e) {
            boolean inScope = q.scope() == null || !Collections.disjoint(q.scope(), e.scope());
            boolean bySubject = q.subject() == null || q.subject().equals(e.subject());
            boolean onResource = e.resources().containsAll(q.resources());
            if (inScope && bySubject && onResource) {
                found.add(e);
            }
            return full();
        }

        boolean full() {
            return found.size() >= wanted;
        }

        AuditPage page(int limit) {
            if (found.size() <= limit) {
                return new AuditPage(found, null);
            }
            List<AuditEntry> shown = found.subList(0, limit);
            return new AuditPage(shown, shown.get(limit - 1).id().toString());
        }
    }
}
