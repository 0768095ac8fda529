package org.bloodbridge.http;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.management.HealthCheckSettings;
import org.apache.pekko.management.cluster.bootstrap.ClusterBootstrap;
import org.apache.pekko.management.javadsl.HealthChecks;
import org.apache.pekko.management.javadsl.PekkoManagement;
import org.bloodbridge.engine.EngineMetrics;
import org.bloodbridge.engine.KeepAlive;
import org.bloodbridge.engine.ShardedAsk;
import org.bloodbridge.http.metrics.EngineMeters;
import org.bloodbridge.http.metrics.RouteMetrics;
import org.bloodbridge.persistence.metrics.NodeMetrics;
import org.bloodbridge.http.access.Access;
import org.bloodbridge.http.access.AccessSettings;
import org.bloodbridge.http.access.RateLimits;
import org.bloodbridge.http.access.TokenVerifier;
import org.apache.pekko.actor.typed.DispatcherSelector;
import java.util.Set;
import org.bloodbridge.engine.donor.DonorDirectory;
import org.bloodbridge.engine.donor.DonorEntity;
import org.bloodbridge.engine.donor.EligibilityShard;
import org.bloodbridge.engine.donor.EligibilityShards;
import org.bloodbridge.engine.eligibility.RuleSet;
import org.bloodbridge.engine.lookback.LookbackRules;
import org.bloodbridge.engine.eligibility.RuleSets;
import org.bloodbridge.engine.identity.DonorIds;
import org.bloodbridge.engine.pool.CentrePool;
import org.bloodbridge.engine.pool.PoolStore;
import org.bloodbridge.engine.query.MatchQueries;
import org.bloodbridge.engine.request.MatchRequestEntity;
import org.bloodbridge.engine.request.StandingRequests;
import org.bloodbridge.engine.typing.TypingTables;
import org.bloodbridge.persistence.StoreHealth;
import org.bloodbridge.persistence.personaldata.DeploymentKey;
import org.bloodbridge.persistence.readside.ReadSide;
import org.bloodbridge.persistence.readside.ReadSideProjections;
import org.bloodbridge.persistence.readside.RequestEventFeed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Bloodbridge cluster node: the actor system, the sharded entities, and the HTTP server.
 * The server main and the integration tests start nodes the same way.
 */
public final class BloodbridgeNode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BloodbridgeNode.class);
    /** How long in-flight HTTP requests may take once the port is unbound. */
    private static final Duration HTTP_HARD_DEADLINE = Duration.ofSeconds(5);

    private final ActorSystem<Void> system;
    private final ServerBinding binding;
    private final HealthChecks healthChecks;
    private final int managementPort;

    private BloodbridgeNode(ActorSystem<Void> system, ServerBinding binding, HealthChecks healthChecks, int managementPort) {
        this.system = system;
        this.binding = binding;
        this.healthChecks = healthChecks;
        this.managementPort = managementPort;
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
        if (DeploymentKey.from(config).devDefault()) {
            log.warn("Using the development personal-data key: donors' names and phones are encrypted with a key "
                    + "anyone can read in the source. Set BLOODBRIDGE_PII_KEY (base64 of 32 random bytes) in production.");
        }
        RuleSet rules = RuleSets.inForce(config);
        TypingTables tables = TypingTables.load(settings.imgtHlaDir(), settings.rarePatterns());
        log.info("IMGT/HLA release {}; eligibility rule set {}", tables.hla().release(), rules.name());
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "bloodbridge", RemoteTls.apply(withSeedNodes(config)));
        try {
            // Before any entity or session starts: the engine's and the driver's meters go to the node's registry.
            NodeMetrics metrics = NodeMetrics.get(system);
            EngineMetrics.install(system, new EngineMeters(metrics.registry()));
            int managementPort = PekkoManagement.get(system).start().toCompletableFuture().get(30, TimeUnit.SECONDS)
                    .port();
            joinCluster(system);
            ReadSide readSide = ReadSide.start(system);
            PoolStore poolStore = (centre, page) -> readSide.donorSummaries().loadCentre(centre, page).thenApply(done -> null);
            var queries = new MatchQueries(tables, MatchQueries.cutoffs(config));
            var asks = new ShardedAsk(system);
            CentrePool.initSharding(system, tables, queries, poolStore, DonorEntity.records(asks, settings.askTimeout()),
                    settings.pools());
            EligibilityShard.initSharding(system, rules);
            var eligibilityShards = new EligibilityShards(system, settings.askTimeout());
            DonorEntity.initSharding(system, rules, LookbackRules.fromConfig(config, rules), clock, CentrePool.updates(system),
                    eligibilityShards.facts());
            MatchRequestEntity.initSharding(system, queries, rules, clock, settings.centreCodes(), settings.askTimeout(),
                    settings.poolKeepAlive(), settings.requestPassivateAfterIdle());
            StandingRequests.initSharding(system, settings.poolKeepAlive());
            startProjectionsOnceReady(system, readSide, settings);
            system.systemActorOf(KeepAlive.create(settings.poolKeepAlive(), () -> {
                CentrePool.wakeAll(system, settings.centreCodes());
                StandingRequests.tell(system, new StandingRequests.Wake());
            }), "keep-alive", Props.empty());

            var checks = new RequestChecks(settings.centres(), clock);
            var donorIds = new DonorIds(settings.federationSecret());
            var directory = new DonorDirectory(system, settings.askTimeout());
            var storeHealth = new StoreHealth(system, settings.askTimeout());
            StoreReadiness.ID.apply(system).set(() -> storeReady(storeHealth, readSide));
            var healthChecks = new HealthChecks((ExtendedActorSystem) Adapter.toClassic(system),
                    HealthCheckSettings.create(config.getConfig("pekko.management.health-checks")));
            var personalData = new PersonalData(readSide.personalDataKeys());
            var registrationInput = new RegistrationInput(checks, tables);
            var historyInput = new HistoryInput(checks);
            var announcements = new RequestAnnouncements(system);
            var routes = new ApiRoutes(
                    new PersonalDataRoutes(directory, personalData),
                    new DonorRoutes(checks, donorIds, directory, eligibilityShards, rules, tables, registrationInput, historyInput, personalData),
                    new EligibilityRoutes(checks, donorIds, directory, eligibilityShards, system,
                            settings.batchMaxChecks(), settings.batchParallelism()),
                    new ImportRoutes(new ImportLineInput(registrationInput, historyInput, checks, donorIds),
                            directory, personalData, system, settings.importSettings(), clock),
                    new MatchRoutes(checks, new MatchRequestInput(checks, queries), asks, settings.askTimeout(),
                            readSide.requestListings(), readSide.patientHistory(),
                            new RequestEventStream(system, new RequestEventFeed(system), announcements, asks, settings.askTimeout()),
                            announcements),
                    new RegistryRoutes(checks, settings.centres(), asks, settings.askTimeout(), directory, rules, tables,
                            personalData, readSide.patientHistory(), readSide.recalls()),
                    new RecallRoutes(checks, directory, readSide.recalls()),
                    new AuditRoutes(readSide.auditTrail(), checks, clock.getZone()),
                    settings.centres(),
                    new ApiRoutes.Reference(tables.hla().release(), rules.name()),
                    healthChecks,
                    new Access(new TokenVerifier(AccessSettings.from(config)), readSide.auditTrail(),
                            system.dispatchers().lookup(DispatcherSelector.blocking()), Set.copyOf(settings.centreCodes()),
                            new RateLimits(RateLimits.Settings.from(config))),
                    ConsoleRoutes.from(config),
                    new RouteMetrics(metrics.registry()));
            ServerBinding binding = ApiTls.enableOn(Http.get(system).newServerAt(settings.httpHost(), settings.httpPort()), config)
                    .bind(routes.route())
                    .toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            stopInCoordinatedShutdown(system, binding);
            return new BloodbridgeNode(system, binding, healthChecks, managementPort);
        } catch (Exception e) {
            system.terminate();
            throw new IllegalStateException("could not start the node: " + e.getMessage(), e);
        }
    }

    /**
     * The node's whole shutdown is Pekko's CoordinatedShutdown, whether SIGTERM (its JVM hook),
     * {@link #close}, or the cluster downing this node starts it: the HTTP port unbinds
     * ({@code service-unbind}) and in-flight requests get {@link #HTTP_HARD_DEADLINE} to finish
     * ({@code service-requests-done}) before the node leaves the cluster and hands its shards
     * over, and the actor system terminates last.
     */
    private static void stopInCoordinatedShutdown(ActorSystem<Void> system, ServerBinding binding) {
        binding.addToCoordinatedShutdown(HTTP_HARD_DEADLINE, system);
        CoordinatedShutdown shutdown = CoordinatedShutdown.get(system);
        shutdown.addTask(CoordinatedShutdown.PhaseServiceStop(), "log-http-unbound", () -> {
            log.info("HTTP unbound");
            return CompletableFuture.completedFuture(Done.getInstance());
        });
        system.getWhenTerminated().thenRun(() -> log.info("actor system terminated"));
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

    /** {@code bloodbridge.cluster.seeds} (host:port,...) as the cluster's seed node addresses. */
    static Config withSeedNodes(Config config) {
        String seeds = config.getString("bloodbridge.cluster.seeds").trim();
        if (seeds.isEmpty()) {
            return config;
        }
        List<String> addresses = new ArrayList<>();
        for (String seed : seeds.split("\\s*,\\s*")) {
            if (!seed.matches("[^:/@\\s]+:\\d{1,5}")) {
                throw new IllegalArgumentException("BLOODBRIDGE_SEEDS must be host:port,... of seed nodes' remoting ports, not '"
                        + seed + "'");
            }
            addresses.add("pekko://bloodbridge@" + seed);
        }
        return config.withValue("pekko.cluster.seed-nodes", ConfigValueFactory.fromIterable(addresses));
    }

    /** Cluster Bootstrap (Kubernetes), the seed nodes (joined by Pekko itself), or, with neither, this node alone. */
    private static void joinCluster(ActorSystem<Void> system) {
        Config config = system.settings().config();
        if (config.getString("bloodbridge.cluster.discovery").equals("kubernetes")) {
            ClusterBootstrap.get(Adapter.toClassic(system)).start();
        } else if (config.getStringList("pekko.cluster.seed-nodes").isEmpty()) {
            Cluster cluster = Cluster.get(system);
            cluster.manager().tell(Join.create(cluster.selfMember().address()));
        }
    }

    /** Cassandra answers and the read-side schema is in place (the cluster-membership check adds "and Up"). */
    private static CompletionStage<Boolean> storeReady(StoreHealth storeHealth, ReadSide readSide) {
        CompletableFuture<Boolean> schema = readSide.ready().toCompletableFuture().handle((done, failure) -> failure == null);
        // Within Pekko Management's check-timeout (3 s): an unanswered check is "not ready", not an error.
        return storeHealth.reachable().toCompletableFuture().thenCombine(schema, (store, tables) -> store && tables)
                .completeOnTimeout(false, 2500, TimeUnit.MILLISECONDS);
    }

    public int httpPort() {
        return binding.localAddress().getPort();
    }

    /** Pekko Management's port: health, cluster HTTP and {@code /metrics}, for the operator's network only. */
    public int managementPort() {
        return managementPort;
    }

    /** Pekko Management's readiness: Up in the cluster, and the store ready. */
    public CompletionStage<Boolean> ready() {
        return healthChecks.ready();
    }

    /** Completes once the actor system has terminated, at the end of the node's coordinated shutdown. */
    public CompletionStage<Done> whenTerminated() {
        return system.getWhenTerminated();
    }

    /**
     * Registers {@code hook} as a JVM shutdown hook through CoordinatedShutdown (the JVM exits only
     * once it returns). For what must wait for the node, such as the dev Cassandra's stop.
     */
    void addJvmShutdownHook(Runnable hook) {
        CoordinatedShutdown.get(system).addJvmShutdownHook(hook);
    }

    /** Runs the coordinated shutdown (see {@link #stopInCoordinatedShutdown}) and waits for its end. */
    @Override
    public void close() {
        CoordinatedShutdown.get(system).runAll(CoordinatedShutdown.unknownReason());
        try {
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("actor system did not stop within 30 s", e);
        }
    }
}
