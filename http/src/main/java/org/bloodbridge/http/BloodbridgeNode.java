package org.bloodbridge.http;

import com.typesafe.config.Config;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.actor.typed.Props;
import org.bloodbridge.engine.ShardedAsk;
import org.bloodbridge.engine.donor.DonorDirectory;
import org.bloodbridge.engine.donor.DonorEntity;
import org.bloodbridge.engine.eligibility.RuleSet;
import org.bloodbridge.engine.eligibility.RuleSets;
import org.bloodbridge.engine.identity.DonorIds;
import org.bloodbridge.engine.pool.CentrePool;
import org.bloodbridge.engine.pool.PoolKeepAlive;
import org.bloodbridge.engine.pool.PoolStore;
import org.bloodbridge.engine.request.MatchRequestEntity;
import org.bloodbridge.engine.typing.TypingTables;
import org.bloodbridge.persistence.StoreHealth;
import org.bloodbridge.persistence.readside.ReadSide;
import org.bloodbridge.persistence.readside.ReadSideProjections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Bloodbridge cluster node: the actor system, the sharded entities, and the HTTP server.
 * The server main and the integration tests start nodes the same way.
 */
public final class BloodbridgeNode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BloodbridgeNode.class);

    private final ActorSystem<Void> system;
    private final ServerBinding binding;
    private final StoreHealth storeHealth;
    private final ReadSide readSide;

    private BloodbridgeNode(ActorSystem<Void> system, ServerBinding binding, StoreHealth storeHealth, ReadSide readSide) {
        this.system = system;
        this.binding = binding;
        this.storeHealth = storeHealth;
        this.readSide = readSide;
    }

    /**
     * Starts a node and binds its HTTP port. {@code config} must already name the Cassandra contact
     * points; {@code clock} (with the federation's zone) decides what "today" is.
     */
    public static BloodbridgeNode start(Config config, Clock clock) {
        ServerSettings settings = ServerSettings.from(config);
        if (settings.usesDevSecret()) {
            log.warn("Using the development federation secret: donorIds will not match other centres' and are "
                    + "guessable. Set BLOODBRIDGE_FEDERATION_SECRET in production.");
        }
        RuleSet rules = RuleSets.inForce(config);
        TypingTables tables = TypingTables.load(settings.imgtHlaDir(), settings.rarePatterns());
        log.info("IMGT/HLA release {}; eligibility rule set {}", tables.hla().release(), rules.name());
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "bloodbridge", config);
        try {
            joinSelfIfNoSeeds(system, config);
            ReadSide readSide = ReadSide.start(system);
            PoolStore poolStore = (centre, page) -> readSide.donorSummaries().loadCentre(centre, page).thenApply(done -> null);
            CentrePool.initSharding(system, tables, poolStore, settings.pools());
            DonorEntity.initSharding(system, rules, clock, CentrePool.updates(system));
            MatchRequestEntity.initSharding(system, tables, rules, clock, settings.centreCodes(), settings.askTimeout());
            startProjectionsOnceReady(system, readSide, settings);
            system.systemActorOf(PoolKeepAlive.create(settings.centreCodes(), settings.poolKeepAlive()), "pool-keep-alive",
                    Props.empty());

            var checks = new RequestChecks(settings.centres(), clock);
            var donorIds = new DonorIds(settings.federationSecret());
            var directory = new DonorDirectory(system, settings.askTimeout());
            var asks = new ShardedAsk(system);
            var storeHealth = new StoreHealth(system, settings.askTimeout());
            var registrationInput = new RegistrationInput(checks, tables);
            var historyInput = new HistoryInput(checks);
            var routes = new ApiRoutes(
                    new DonorRoutes(checks, donorIds, directory, rules, tables, registrationInput, historyInput),
                    new EligibilityRoutes(checks, donorIds, directory, system,
                            settings.batchMaxChecks(), settings.batchParallelism()),
                    new ImportRoutes(new ImportLineInput(registrationInput, historyInput, checks, donorIds),
                            directory, system, settings.importSettings(), clock),
                    new MatchRoutes(checks, new MatchRequestInput(checks, tables), asks, settings.askTimeout(),
                            readSide.requestListings()),
                    new RegistryRoutes(checks, settings.centres(), asks, settings.askTimeout(), directory, rules, tables),
                    settings.centres(),
                    Map.of("imgtHlaRelease", tables.hla().release(), "ruleSet", rules.name()),
                    () -> ready(system, storeHealth, readSide));
            ServerBinding binding = Http.get(system)
                    .newServerAt(settings.httpHost(), settings.httpPort())
                    .bind(routes.route())
                    .toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            return new BloodbridgeNode(system, binding, storeHealth, readSide);
        } catch (Exception e) {
            system.terminate();
            throw new IllegalStateException("could not start the node: " + e.getMessage(), e);
        }
    }

    /** Projections start once the read-side schema exists (created now in dev; a store still starting is tried again). */
    private static void startProjectionsOnceReady(ActorSystem<Void> system, ReadSide readSide, ServerSettings settings) {
        readSide.ready().whenComplete((done, failure) -> {
            if (failure == null) {
                ReadSideProjections.start(system, readSide, settings.centreCodes(), settings.askTimeout());
            } else if (!system.whenTerminated().isCompleted()) {
                system.scheduler().scheduleOnce(Duration.ofSeconds(2),
                        () -> startProjectionsOnceReady(system, readSide, settings), system.executionContext());
            }
        });
    }

    private static void joinSelfIfNoSeeds(ActorSystem<Void> system, Config config) {
        if (config.getStringList("pekko.cluster.seed-nodes").isEmpty()) {
            Cluster cluster = Cluster.get(system);
            cluster.manager().tell(Join.create(cluster.selfMember().address()));
        }
    }

    /** Up in the cluster, Cassandra answering, and the read-side schema in place. */
    private static CompletionStage<Boolean> ready(ActorSystem<Void> system, StoreHealth storeHealth, ReadSide readSide) {
        if (Cluster.get(system).selfMember().status() != MemberStatus.up()) {
            return CompletableFuture.completedFuture(false);
        }
        CompletableFuture<Boolean> schema = readSide.ready().toCompletableFuture()
                .handle((done, failure) -> failure == null)
                .completeOnTimeout(false, 2, TimeUnit.SECONDS);
        return storeHealth.reachable().thenCombine(schema, (store, tables) -> store && tables);
    }

    public int httpPort() {
        return binding.localAddress().getPort();
    }

    public CompletionStage<Boolean> ready() {
        return ready(system, storeHealth, readSide);
    }

    /** Stops accepting requests, then leaves the cluster and stops the actor system. */
    @Override
    public void close() {
        try {
            binding.terminate(Duration.ofSeconds(5)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("HTTP server did not stop cleanly", e);
        }
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("actor system did not stop within 20 s", e);
        }
    }
}
