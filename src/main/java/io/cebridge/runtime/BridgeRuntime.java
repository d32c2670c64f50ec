package io.cebridge.runtime;

import io.cebridge.flow.FlowStats;
import com.zaxxer.hikari.HikariDataSource;
import io.cebridge.config.BridgeConfig;
import io.cebridge.config.BridgeKeys;
import io.cebridge.config.ConfigException;
import io.cebridge.connector.crm.CrmPageSource;
import io.cebridge.connector.crm.CrmRecordWriter;
import io.cebridge.connector.crm.salesforce.SalesforceClient;
import io.cebridge.flow.DeadLetters;
import io.cebridge.flow.KafkaBatchCommit;
import io.cebridge.flow.erptocrm.ErpToCrmFlow;
import io.cebridge.mapping.MappingRegistry;
import io.cebridge.store.Pools;
import io.cebridge.store.StateStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Boots one ce-bridge process: embedded or external Kafka, the state store, the ERP pool, mappings, connectors,
 * and Camel Main with the YAML routes. Closing it stops Camel first, then the pools and the broker.
 */
public final class BridgeRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BridgeRuntime.class);
    private final BridgeConfig cfg;
    private final boolean once;
    private final FlowStats stats = new FlowStats();
    private final FlowFailures failures = new FlowFailures();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private EmbeddedKafkaBroker broker;
    private java.util.concurrent.CompletableFuture<String> kafkaUp;
    private java.util.concurrent.CompletableFuture<StateStore> storeUp;
    private StateStore store;
    private Main main;
    private String bootstrapServers;
    private final java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);

    private final ConnectorOverrides overrides;
    private MappingRegistry mappings;
    private java.time.Clock fixedClock;
    private HikariDataSource erp;
    private io.cebridge.api.HttpApi http;

    public BridgeRuntime(BridgeConfig cfg, boolean once) {
        this(cfg, once, ConnectorOverrides.NONE);
    }

    /** With the outermost connectors replaced (replay, record), everything else as configured. */
    public BridgeRuntime(BridgeConfig cfg, boolean once, ConnectorOverrides overrides) {
        this.cfg = cfg;
        this.once = once;
        this.overrides = overrides;
    }

    /**
     * Starts what runs on this machine and needs no other part of the runtime, each on a thread of its own: the
     * embedded broker (then the flows' topics on it) and the embedded state store. `run` calls it before it checks
     * the configured systems, so these come up meanwhile; an external Kafka or store is first used by
     * {@link #start()}, once the checks have passed. A second call does nothing.
     */
    public synchronized BridgeRuntime startLocalInBackground() {
        // owner-only (0700 / 0600), also what Kafka and the store create in it later
        Path data = io.cebridge.store.DataDirectory.prepare(cfg.dataDir());
        if (kafkaUp == null && cfg.get(BridgeKeys.KAFKA_BOOTSTRAP).isBlank()) {
            broker = new EmbeddedKafkaBroker(data.resolve("kafka"), cfg.get(BridgeKeys.KAFKA_PORT));
            EmbeddedKafkaBroker embedded = broker;
            kafkaUp = BackgroundStart.run("ce-bridge-kafka-start", () -> {
                embedded.start();
                LOG.info("embedded Kafka broker at {} (data in {})", embedded.bootstrapServers(), data.resolve("kafka"));
                return topics(embedded.bootstrapServers());
            });
        }
        if (storeUp == null && cfg.get(BridgeKeys.STORE_URL).isBlank()) {
            storeUp = BackgroundStart.run("ce-bridge-store-start", () -> StateStore.openForRuntime(cfg, 4 + extraDeliveryConsumers(cfg)));
        }
        return this;
    }

    /** The flows' topics, made or brought to the configured settings; returns the bootstrap servers. */
    private String topics(String servers) {
        TopicProvisioner.ensure(servers, enabledFlows().stream().map(f -> topicPrefix() + f).toList(),
                cfg.get(BridgeKeys.KAFKA_RETENTION), cfg.get(BridgeKeys.KAFKA_MAX_MESSAGE_SIZE), Duration.ofSeconds(60));
        LOG.info("Kafka topics ready at {}", servers);
        return servers;
    }

    /** Also the external Kafka and state store, on threads of their own; start waits for each where first needed. */
    private synchronized void startAllInBackground() {
        startLocalInBackground();
        if (kafkaUp == null) {
            String external = cfg.get(BridgeKeys.KAFKA_BOOTSTRAP);
            kafkaUp = BackgroundStart.run("ce-bridge-kafka-start", () -> topics(external));
        }
        if (storeUp == null) {
            storeUp = BackgroundStart.run("ce-bridge-store-start", () -> StateStore.openForRuntime(cfg, 4 + extraDeliveryConsumers(cfg)));
        }
    }

    /** Starts everything; throws with a clear message when a system cannot be reached or a file does not load. */
    public BridgeRuntime start() throws Exception {
        startAllInBackground();
        mappings = MappingRegistry.load(mappingsDir()); // meanwhile the broker and the store start
        store = BackgroundStart.await(storeUp);
        resources.add(store);

        main = new Main();
        main.bind("flowFailures", failures);
        main.bind("kafkaBatchCommit", new KafkaBatchCommit());
        main.bind("redelivery", new Redelivery(cfg.get(BridgeKeys.RETRY_MAX)));
        DeadLetters deadLetters = new DeadLetters(store.deadLetters(), stats);
        deadLetters.listener(overrides.listener());
        io.cebridge.connector.crm.salesforce.ApiUsage crmUsage = null;
        if (!enabledFlows().isEmpty()) {
            SalesforceClient crm = crmClient(cfg, cfg.get(BridgeKeys.SF_TIMEOUT));
            crmUsage = crm.apiUsage();
            CrmRecordWriter writer = overrides.writer() != null ? overrides.writer() : crm;
            // over Kingdee's WebAPI (bridge.erp.type=kingdee) customer-master needs no ERP database; flows that read
            // ERP tables still open it, and say bridge.erp.jdbc-url is missing if it is
            HikariDataSource erp = List.of("kingdee", "yonbip").contains(cfg.get(BridgeKeys.ERP_TYPE))
                    && cfg.get(BridgeKeys.ERP_URL).isBlank()
                    ? null : openErp();
            // the flows declared by route files reach the CRM and the ERP through these, as crm:, erp: and step: endpoints
            io.cebridge.component.FlowServices.CrmSources sources = (flow, sobject, fields, where, lookback) ->
                    overrides.tap().source(overrides.source() != null ? overrides.source()
                            : new io.cebridge.connector.crm.salesforce.SalesforcePoller(crm, store.watermarks(), flow,
                            sobject, fields, where, "SystemModstamp", lookback));
            main.bind("bridgeServices", new io.cebridge.component.FlowServices(cfg, store, () -> erp != null ? erp : openErp(), mappings, sources,
                    overrides.tap().writer(writer), stats, deadLetters, overrides.listener()));
            ErpToCrmFlow.Wiring wiring = new ErpToCrmFlow.Wiring(main::bind, cfg, store, erp, mappings, writer, stats,
                    deadLetters, erpClock());
            // ERP -> CRM flows: the change tables and documents their documents.yaml declares
            // (also the disabled ones of a file that is loaded for another flow: their routes exist, never started)
            java.util.Set<String> loadedFiles = new java.util.HashSet<>();
            cfg.catalog().flows().stream().filter(f -> enabledFlows().contains(f.name())).forEach(f -> loadedFiles.add(f.file()));
            // over Kingdee, flows whose documents.yaml has a documents.kingdee.yaml twin poll Kingdee's forms instead
            io.cebridge.connector.erp.kingdee.KingdeeForms kingdeeForms = "kingdee".equals(cfg.get(BridgeKeys.ERP_TYPE))
                    ? new io.cebridge.connector.erp.kingdee.KingdeeForms(new io.cebridge.connector.erp.kingdee.KingdeeClient(
                    io.cebridge.connector.erp.kingdee.KingdeeSettings.from(cfg))) : null;
            for (io.cebridge.config.FlowCatalog.Flow f : cfg.catalog().flows()) {
                if (loadedFiles.contains(f.file()) && f.templates().contains("erp-to-crm-ingest") && kingdeeForms != null
                        && ErpToCrmFlow.registerKingdee(f.name(), f.parameters().get("documents"), wiring, kingdeeForms)) {
                    continue;
                }
                if (loadedFiles.contains(f.file()) && f.templates().contains("erp-to-crm-ingest")) {
                    io.cebridge.flow.erptocrm.DocumentSpec.Declared d = io.cebridge.flow.erptocrm.DocumentSpec.load(
                            mappings.root(), f.parameters().get("documents"), erp != null ? erp : openErp(), wiring.clock(),
                            cfg.get(BridgeKeys.CORPORATE_CURRENCY));
                    new ErpToCrmFlow(f.name(), d.changes(), d.documents(), d.dailyRefresh()).register(wiring);
                }
            }
            // the scheduled reconcile (bridge.reconcile.schedule, off by default) with this instance's connectors
            io.cebridge.reconcile.ReconcileSchedule reconcile = once ? null : io.cebridge.reconcile.ReconcileSchedule.of(
                    cfg, writer, () -> erp != null ? erp : openErp(), store, mappings, enabledFlows());
            if (reconcile != null) {
                main.configure().addRoutesBuilder(reconcile);
            }
        }
        main.configure().addRoutesBuilder(new StoreRetention(store, cfg.get(BridgeKeys.STORE_RETENTION), once));
        java.time.Duration heartbeat = cfg.get(BridgeKeys.HEARTBEAT_INTERVAL);
        if (!once && !enabledFlows().isEmpty() && !heartbeat.isZero()) { // a quiet flow says so (FlowHeartbeat)
            main.configure().addRoutesBuilder(FlowHeartbeat.of(stats, java.util.List.copyOf(enabledFlows()), store,
                    heartbeat));
        }
        if (!once) { // what this instance runs, for `status` on any host (InstanceHeartbeat)
            main.configure().addRoutesBuilder(new InstanceHeartbeat(new io.cebridge.instance.InstanceFlowRepository(
                    store.dataSource()), InstanceHeartbeat.thisInstance(), cfg.catalog(),
                    java.util.Set.copyOf(enabledFlows()), failures, java.time.Clock.systemUTC()));
        }
        bootstrapServers = BackgroundStart.await(kafkaUp); // the topics exist with their settings before any route runs
        // the delivery groups' coordinator (on a first start, the offsets topic) gets ready while Camel boots
        resources.add(GroupCoordinators.prepare(bootstrapServers,
                enabledFlows().stream().map(f -> topicPrefix() + f + "-delivery").toList()));
        main.bind("crm", new io.cebridge.component.CrmComponent());
        main.bind("erp", new io.cebridge.component.ErpComponent());
        main.bind("step", new io.cebridge.component.StepComponent());
        main.configure().withRoutesIncludePattern(RouteIncludes.of(cfg.get(BridgeKeys.ROUTES_DIR)));
        http = io.cebridge.api.HttpApi.install(main, cfg, once,
                () -> cfg.get(BridgeKeys.ERP_URL).isBlank() ? null : openErp(), mappingsDir(), store, bootstrapServers,
                failures);
        if (http != null) {
            resources.add(http);
            // metrics only where they can be scraped: `run --once` and a disabled server pay nothing for them
            io.cebridge.observe.ObserveMetrics metrics = io.cebridge.observe.ObserveMetrics.install(main, stats,
                    enabledFlows(), store.dataSource(), bootstrapServers, topicPrefix(), crmUsage);
            resources.add(metrics);
            http.observe(metrics, () -> main == null ? null : main.getCamelContext());
        }
        // a disabled flow's route file is not loaded (its endpoints would open tables it may not have), nor the live
        // lookup routes when the HTTP server is off
        // (a file declaring several flows is loaded while any of them is enabled)
        java.util.Set<String> needed = new java.util.HashSet<>();
        java.util.Set<String> declaring = new java.util.LinkedHashSet<>();
        for (io.cebridge.config.FlowCatalog.Flow f : cfg.catalog().flows()) {
            String file = "**/" + Path.of(f.file().replaceFirst("^classpath:", "")).getFileName();
            declaring.add(file);
            if (enabledFlows().contains(f.name())) {
                needed.add(file);
            }
        }
        List<String> excluded = new ArrayList<>(declaring.stream().filter(f -> !needed.contains(f)).toList());
        if (http == null) {
            excluded.add("**/" + io.cebridge.api.HttpApi.ROUTE_FILE);
        }
        if (!excluded.isEmpty()) {
            main.configure().withRoutesExcludePattern(String.join(",", excluded));
        }
        Path routesDir = Path.of(cfg.get(BridgeKeys.ROUTES_DIR));
        if (!once && Files.isDirectory(routesDir)) {
            // an edited route file replaces its routes within seconds; routes of other files stay as they are
            main.configure().withRoutesReloadEnabled(true);
            main.configure().withRoutesReloadDirectory(routesDir.toAbsolutePath().toString());
            main.configure().withRoutesReloadPattern("*.yaml");
            main.configure().withRoutesReloadRemoveAllRoutes(false);
        }
        main.configure().withShutdownTimeout(30);
        main.configure().withName("ce-bridge");
        main.setInitialProperties(camelProperties());
        main.start();
        if (!once) {
            watchMappings();
        }
        LOG.info("ce-bridge started: flows {}, routes from {}, mappings from {}", enabledFlows(), routesPattern(),
                mappings.root());
        return this;
    }

    /** Checks the mappings directory every 2 s; an edit that does not load is refused and the last good set kept. */
    private void watchMappings() {
        java.util.concurrent.ScheduledExecutorService watcher = java.util.concurrent.Executors
                .newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "ce-bridge-mapping-watch");
                    t.setDaemon(true);
                    return t;
                });
        watcher.scheduleWithFixedDelay(() -> {
            try {
                List<String> refused = mappings.reload();
                if (!refused.isEmpty()) {
                    LOG.error("mapping edit refused, the last good mappings keep running:\n  {}",
                            String.join("\n  ", refused));
                }
            } catch (RuntimeException e) {
                LOG.warn("mapping reload check failed: {}", e.getMessage());
            }
        }, 2, 2, java.util.concurrent.TimeUnit.SECONDS);
        resources.add(watcher::shutdownNow);
    }

    /** The configured Salesforce client, with this request timeout. */
    public static SalesforceClient crmClient(BridgeConfig cfg, Duration timeout) {
        SalesforceClient client = new SalesforceClient(cfg.get(BridgeKeys.SF_LOGIN_URL), cfg.get(BridgeKeys.SF_CLIENT_ID),
                cfg.secret(BridgeKeys.SF_CLIENT_SECRET), cfg.get(BridgeKeys.SF_API_VERSION), timeout,
                cfg.get(BridgeKeys.SF_QUERY_BATCH), new io.cebridge.connector.crm.salesforce.HostPolicy(
                        java.util.Arrays.stream(cfg.get(BridgeKeys.SF_ALLOWED_HOSTS).split(",")).map(String::strip)
                                .filter(h -> !h.isEmpty()).toList(), cfg.get(BridgeKeys.SF_ALLOW_INSECURE_HTTP)),
                cfg.get(BridgeKeys.SF_MAX_ANSWER_SIZE));
        client.bulk(cfg.get(BridgeKeys.CRM_BULK_THRESHOLD), io.cebridge.connector.crm.salesforce.ApiReserve.parse(
                cfg.get(BridgeKeys.CRM_API_RESERVE)));
        return client;
    }

    public MappingRegistry mappings() {
        return mappings;
    }

    /** The one ERP pool of this process, shared by the flows and the live lookups. */
    private HikariDataSource openErp() {
        if (erp != null) {
            return erp;
        }
        String url = cfg.get(BridgeKeys.ERP_URL);
        if (url.isBlank()) {
            throw new ConfigException(List.of(BridgeKeys.ERP_URL.name()
                    + ": required while a flow is enabled (" + String.join(", ", enabledFlows()) + ")"));
        }
        // deliveries and the live lookups, plus one per flow so their polls never queue, plus one per delivery
        // consumer beyond a flow's first, so parallel deliveries do not wait on each other for a connection
        int size = 3 + enabledFlows().size() + extraDeliveryConsumers(cfg);
        HikariDataSource ds = Pools.open("erp", url, cfg.get(BridgeKeys.ERP_USER), cfg.secret(BridgeKeys.ERP_PASSWORD), size);
        resources.add(ds);
        erp = ds;
        return ds;
    }

    /** The configured directory, else the mappings bundled in the jar (copied under the data dir). */
    public Path mappingsDir() {
        return mappingsDir(cfg);
    }

    /** The configured directory, else the mappings bundled in the jar (copied under the data dir). */
    public static Path mappingsDir(BridgeConfig cfg) {
        Path dir = Path.of(cfg.get(BridgeKeys.MAPPINGS_DIR));
        return Files.isDirectory(dir) ? dir.toAbsolutePath()
                : BundledFiles.extract("bundled/mappings", cfg.dataDir().resolve("bundled").resolve("mappings"));
    }

    public String routesPattern() {
        return routesPattern(cfg);
    }

    public static String routesPattern(BridgeConfig cfg) {
        return io.cebridge.config.RouteFiles.pattern(cfg.get(BridgeKeys.ROUTES_DIR));
    }

    private Properties camelProperties() {
        Properties p = cfg.placeholderProperties();
        derivedProperties(cfg, once).forEach(p::put);
        p.setProperty("camel.component.kafka.brokers", bootstrapServers);
        // the producer's limit is the topics' max.message.bytes (TopicProvisioner) and what KafkaMessageSize checks
        p.setProperty("camel.component.kafka.max-request-size", Integer.toString(cfg.get(BridgeKeys.KAFKA_MAX_MESSAGE_SIZE)));
        if (once) {
            // closing a consumer waits for its last fetch, which the broker holds up to this long when it has no
            // new records (Kafka's default 500 ms): a --once run closes its consumers once they have read everything
            p.setProperty("camel.component.kafka.fetch-wait-max-ms", "50");
        }
        cfg.camelProperties().forEach(p::setProperty);
        return p;
    }

    /**
     * The values route files read in a unit Camel takes (milliseconds, a repeat count): poll intervals, whether
     * timers fire once (`run --once`), and the redelivery policy of routes/error-handling.yaml.
     */
    public static Properties derivedProperties(BridgeConfig cfg, boolean once) {
        Properties p = new Properties();
        for (io.cebridge.config.FlowCatalog.Flow f : cfg.catalog().flows()) {
            java.time.Duration poll = cfg.flowValue(f.name(), "poll-interval", java.time.Duration.class);
            if (poll != null) {
                p.setProperty("derived." + f.name() + ".poll-interval-ms", Long.toString(poll.toMillis()));
            }
        }
        p.setProperty("derived.poll-repeat-count", once ? "1" : "0");
        // how long a delivery consumer's poll waits for records; stopping it waits for the poll under way, twice
        // (pause, then stop): `run --once` stops as soon as everything is committed, so its polls are short
        p.setProperty("derived.poll-timeout-ms", once ? "50" : "300");
        p.setProperty("derived.retry.initial-delay-ms", Long.toString(cfg.get(BridgeKeys.RETRY_INITIAL).toMillis()));
        p.setProperty("derived.retry.max-delay-ms", Long.toString(cfg.get(BridgeKeys.RETRY_MAX_DELAY).toMillis()));
        return p;
    }

    /**
     * The enabled flows' delivery consumers beyond each flow's first (bridge.flows.FLOW.delivery-consumers): each
     * holds an ERP and a store connection at a time, so the pools grow by these.
     */
    static int extraDeliveryConsumers(BridgeConfig cfg) {
        int extra = 0;
        for (String flow : cfg.enabledFlows()) {
            Integer n = cfg.flowValue(flow, "delivery-consumers", Integer.class);
            extra += n == null ? 0 : Math.max(0, n - 1);
        }
        return extra;
    }

    private List<String> enabledFlows() {
        return cfg.enabledFlows();
    }

    /** Replaces the ERP business-day clock (replays and tests fix "today"); call before {@link #start()}. */
    public BridgeRuntime withErpClock(java.time.Clock clock) {
        this.fixedClock = clock;
        return this;
    }

    /** The ERP's business day: as-of dates and aging are computed for "today" in the configured zone. */
    private java.time.Clock erpClock() {
        if (fixedClock != null) {
            return fixedClock;
        }
        String zone = cfg.get(BridgeKeys.ERP_TIME_ZONE);
        return zone.isBlank() ? java.time.Clock.systemDefaultZone() : java.time.Clock.system(java.time.ZoneId.of(zone));
    }

    public List<String> flows() {
        return enabledFlows();
    }

    public CamelContext camel() {
        return main.getCamelContext();
    }

    /** Port of the live lookup API and /health; -1 when the HTTP server is off (run --once, disabled). */
    public int httpPort() {
        return http == null ? -1 : http.port();
    }

    public FlowStats stats() {
        return stats;
    }

    public FlowFailures failures() {
        return failures;
    }

    public StateStore store() {
        return store;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String topicPrefix() {
        return cfg.get(BridgeKeys.KAFKA_TOPIC_PREFIX);
    }

    /** Blocks until the process is told to stop (SIGTERM / Ctrl-C); in-flight batches finish within the timeout. */
    public void awaitShutdown() throws InterruptedException {
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "ce-bridge-shutdown"));
        stopped.await();
    }

    @Override
    public synchronized void close() {
        if (main != null) {
            java.util.Set<io.cebridge.flow.PollLease> leases = main.getCamelContext() == null ? java.util.Set.of()
                    : main.getCamelContext().getRegistry().findByType(io.cebridge.flow.PollLease.class);
            try {
                CamelContext ctx = main.getCamelContext();
                main.stop();
                leases.forEach(io.cebridge.flow.PollLease::release); // no poll runs any more: let another instance poll
                if (ctx != null) {
                    io.cebridge.component.FlowServices.releaseLeases(ctx);
                }
            } catch (Exception e) {
                LOG.warn("error stopping Camel: {}", e.getMessage());
            }
            main = null;
        }
        if (storeUp != null && store == null) { // the start failed before it waited for the store: close it once up
            StateStore opened = BackgroundStart.awaitQuietly(storeUp);
            if (opened != null) {
                resources.add(0, opened);
            }
        }
        storeUp = null;
        if (kafkaUp != null) { // a broker still starting is stopped once its start is over
            BackgroundStart.awaitQuietly(kafkaUp);
            kafkaUp = null;
        }
        // nothing uses the broker once Camel has stopped: it shuts down (its log flush, its reaper threads' last
        // second) while the pools close
        java.util.concurrent.CompletableFuture<Void> brokerStop = broker == null ? null
                : EmbeddedKafkaBroker.stopInBackground(broker);
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                LOG.warn("error closing {}: {}", resources.get(i), e.getMessage());
            }
        }
        resources.clear();
        if (brokerStop != null) {
            brokerStop.join();
            broker = null;
        }
        stopped.countDown();
    }
}
