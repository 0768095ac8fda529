package org.bloodbridge.persistence.readside;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.projection.cassandra.javadsl.CassandraProjection;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSessionRegistry;
import org.bloodbridge.persistence.personaldata.DeploymentKey;
import org.bloodbridge.persistence.personaldata.PersonalDataKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read side of a node: its tables, and the schema they and the projection offsets need. A
 * node calls {@link #start} once. With {@code bloodbridge.cassandra.autocreate} on, start creates
 * the read-side keyspace and tables (cql/readside.cql) and the projection offset tables
 * (cql/projection.cql); otherwise they must exist already.
 *
 * <p>Start does not wait for Cassandra (a node starts while Cassandra is still down): the tables
 * wait for the schema on first use, and {@link #ready()} says when it is there. Start projections
 * ({@link TaggedProjection}) after {@code ready()}; earlier they fail to read their offsets and
 * restart with back-off until the tables exist.
 */
public final class ReadSide {
    private static final Logger log = LoggerFactory.getLogger(ReadSide.class);

    private final OnceSucceeded<Done> schema;
    private final DonorSummaryTable donorSummaries;
    private final RequestListingTable requestListings;
    private final RecallTable recalls;
    private final AuditTable auditTrail;
    private final PersonalDataKeys personalDataKeys;
    private final PatientHistoryTable patientHistory;

    private ReadSide(OnceSucceeded<Done> schema, DonorSummaryTable donorSummaries, RequestListingTable requestListings,
            RecallTable recalls, AuditTable auditTrail, PersonalDataKeys personalDataKeys, PatientHistoryTable patientHistory) {
        this.recalls = recalls;
        this.schema = schema;
        this.donorSummaries = donorSummaries;
        this.requestListings = requestListings;
        this.patientHistory = patientHistory;
        this.auditTrail = auditTrail;
        this.personalDataKeys = personalDataKeys;
    }

    /** The read side as persistence.conf's {@code bloodbridge.readside} configures it. */
    public static ReadSide start(ActorSystem<?> system) {
        return start(system, ReadSideSettings.from(system.settings().config()));
    }

    public static ReadSide start(ActorSystem<?> system, ReadSideSettings settings) {
        CassandraSession session = CassandraSessionRegistry.get(system).sessionFor(settings.sessionConfigPath());
        OnceSucceeded<Done> schema = new OnceSucceeded<>(() -> settings.autocreate()
                ? ReadSideSchema.create(session, settings.keyspace())
                        .thenCompose(done -> CassandraProjection.createTablesIfNotExists(system))
                : CompletableFuture.completedFuture(Done.getInstance()));
        ReadSide readSide = new ReadSide(schema,
                new DonorSummaryTable(session, settings, schema, system.executionContext()),
                new RequestListingTable(session, settings, schema),
                new RecallTable(session, settings, schema),
                new AuditTable(session, settings, schema),
                new PersonalDataKeys(session, schema, settings.keyspace(), settings.profile(),
                        DeploymentKey.from(system.settings().config()), Clock.systemUTC()),
                new PatientHistoryTable(session, settings, schema));
        readSide.ready().whenComplete((done, failure) -> {
            if (failure != null) {
                log.warn("Could not create the read-side schema yet (tried again on first use): {}", failure.toString());
            }
        });
        return readSide;
    }

    /** Completes when the schema is there (at once without autocreate); a failed attempt is retried on the next call. */
    public CompletionStage<Done> ready() {
        return schema.get();
    }

    public DonorSummaryTable donorSummaries() {
        return donorSummaries;
    }

    public RequestListingTable requestListings() {
        return requestListings;
    }

    /** Each patient's requests and transfusion outcomes (patient memory). */
    public PatientHistoryTable patientHistory() {
        return patientHistory;
    }

    public RecallTable recalls() {
        return recalls;
    }

    public AuditTable auditTrail() {
        return auditTrail;
    }

    /** The donors' personal-data keys (kept in the read-side keyspace, though no projection writes them). */
    public PersonalDataKeys personalDataKeys() {
        return personalDataKeys;
    }
}
