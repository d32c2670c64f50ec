package io.cebridge.observe;

import io.cebridge.connector.crm.salesforce.ApiUsage;
import io.cebridge.flow.FlowStats;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metrics of a running ce-bridge in one Prometheus registry: Camel's own route and exchange meters
 * (camel-micrometer-prometheus, switched on here and given this registry) and ce-bridge's: records by outcome,
 * delivery batch durations, consumer lag, watermark ages, open dead letters, the CRM write-back outbox and the CRM's
 * API allowance. The gauges
 * that need Kafka or the store are read at scrape time, at most every {@link #REFRESH}.
 */
public final class ObserveMetrics implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ObserveMetrics.class);
    /** Scrapes closer together than this reuse the last figures of Kafka and the store. */
    static final Duration REFRESH = Duration.ofSeconds(5);
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final FlowRecordMeters records;
    private final FlowStats stats;
    private final List<String> flows;
    private final ConsumerLag lag;
    private final StoreGauges store;
    private final Clock clock;
    private final Map<String, Double> lagByFlow = new ConcurrentHashMap<>();
    private final MultiGauge deadLetters;
    private final Map<List<String>, Long> deadLetterRows = new ConcurrentHashMap<>();
    private final MultiGauge watermarkAges;
    private final MultiGauge health;
    private final MultiGauge reconcileDifferences;
    private final MultiGauge outboxEntries;
    private final MultiGauge outboxAge;
    private final Map<String, double[]> outboxRows = new ConcurrentHashMap<>();
    private volatile Supplier<Map<String, Object>> healthCheck;
    private long lastRefresh = Long.MIN_VALUE;
    private final JvmGcMetrics gc = new JvmGcMetrics();

    private ObserveMetrics(FlowStats stats, List<String> flows, ConsumerLag lag, StoreGauges store, ApiUsage crm,
                           Clock clock) {
        this.stats = stats;
        this.flows = List.copyOf(flows);
        this.lag = lag;
        this.store = store;
        this.clock = clock;
        this.records = new FlowRecordMeters(registry, stats);
        // the JVM's own figures, bound here: Camel's binder discovery (camel.metrics.binders) needs Jandex at run time
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        for (String flow : this.flows) {
            records.register(flow);
            DeliveryBatchTimer.timer(registry, flow);
            Gauge.builder("ce.bridge.flow.lag.records", lagByFlow, m -> m.getOrDefault(flow, Double.NaN))
                    .description("Records on the flow's Kafka topic its delivery consumer group has not committed yet")
                    .tag("flow", flow).register(registry);
        }
        this.deadLetters = MultiGauge.builder("ce.bridge.dead.letters.open")
                .description("Dead letters not resolved (open, retry requested, retrying), by flow and reason code")
                .register(registry);
        this.watermarkAges = MultiGauge.builder("ce.bridge.watermark.age.seconds")
                .description("Seconds since the flow's poller last wrote its watermark for this source")
                .register(registry);
        this.reconcileDifferences = MultiGauge.builder("ce.bridge.reconcile.differences")
                .description("Findings of the flow's last scheduled reconcile (bridge.reconcile.schedule) by kind:"
                        + " ONLY_IN_CRM, ONLY_IN_ERP, DIFFERENT, NOT_LINKED, REFUSED disagree; DEAD_LETTERED, SHARED"
                        + " are not compared").register(registry);
        this.outboxEntries = MultiGauge.builder("ce.bridge.crm.outbox.entries")
                .description("CRM write-backs of the flow waiting in the store's outbox for a Bulk API 2.0 ingest job"
                        + " (volume mode; all instances on the store together)").register(registry);
        this.outboxAge = MultiGauge.builder("ce.bridge.crm.outbox.oldest.age.seconds")
                .description("Seconds since the oldest write-back waiting in the flow's outbox was stored; 0 when none"
                        + " waits").register(registry);
        this.health = MultiGauge.builder("ce.bridge.health.up")
                .description("1 when the component of /health (erp, store, kafka, flows) is UP, else 0")
                .register(registry);
        if (crm != null) {
            Gauge.builder("ce.bridge.crm.api.remaining", crm, u -> u.remaining().isPresent() ? u.remaining().getAsLong() : Double.NaN)
                    .description("API calls the CRM org has left of its daily allowance (Salesforce Sforce-Limit-Info);"
                            + " NaN until the first answer").register(registry);
            Gauge.builder("ce.bridge.crm.api.limit", crm, u -> u.limit().isPresent() ? u.limit().getAsLong() : Double.NaN)
                    .description("The CRM org's daily API allowance (Salesforce Sforce-Limit-Info); NaN until the first answer")
                    .register(registry);
            Gauge.builder("ce.bridge.crm.api.paused", crm, u -> u.paused() ? 1 : 0)
                    .description("1 while CRM calls wait because the org's allowance is down to bridge.crm.api-reserve")
                    .register(registry);
        }
    }

    /**
     * Switches Camel's metrics on with this registry (bound before Camel starts, so camel-micrometer-prometheus
     * uses it rather than making its own) and registers ce-bridge's meters. {@code crm}: the CRM client's allowance,
     * or null when no flow talks to the CRM.
     */
    public static ObserveMetrics install(Main main, FlowStats stats, List<String> flows, DataSource store,
                                         String bootstrapServers, String topicPrefix, ApiUsage crm) {
        ObserveMetrics metrics = new ObserveMetrics(stats, flows, new ConsumerLag(bootstrapServers, topicPrefix),
                new StoreGauges(store, Clock.systemUTC()), crm, Clock.systemUTC());
        main.bind(MicrometerConstants.METRICS_REGISTRY_NAME, metrics.registry);
        main.bind("ceBridgeBatchTimer", new DeliveryBatchTimer(metrics.registry, topicPrefix));
        main.configure().metrics().withEnabled(true);
        return metrics;
    }

    /** The Prometheus text exposition (format 0.0.4) of every meter, with the store and Kafka figures refreshed. */
    public String scrape() {
        refresh();
        return registry.scrape();
    }

    /** The /health check, read at each refresh for ce_bridge_health_up{component}. */
    public void health(Supplier<Map<String, Object>> check) {
        this.healthCheck = check;
    }

    PrometheusMeterRegistry registry() {
        return registry;
    }

    private synchronized void refresh() {
        long now = clock.millis();
        if (lastRefresh != Long.MIN_VALUE && now - lastRefresh < REFRESH.toMillis()) {
            return;
        }
        lastRefresh = now;
        stats.flows().forEach(records::register); // a flow counting under a name of its own shows too
        Map<String, Long> lags = lag.lags(flows);
        flows.forEach(f -> lagByFlow.put(f, lags.containsKey(f) ? lags.get(f).doubleValue() : Double.NaN));
        if (healthCheck != null) {
            Object components = healthCheck.get().get("components");
            List<MultiGauge.Row<?>> rows = new ArrayList<>();
            if (components instanceof Map<?, ?> byName) {
                byName.forEach((name, c) -> rows.add(MultiGauge.Row.of(Tags.of("component", String.valueOf(name)),
                        "UP".equals(((Map<?, ?>) c).get("status")) ? 1 : 0)));
            }
            health.register(rows, true);
        }
        try {
            Map<List<String>, Long> open = store.openDeadLetters();
            // a reason whose letters were all resolved stays, at 0, so alerts on it resolve instead of vanishing
            deadLetterRows.replaceAll((k, v) -> 0L);
            deadLetterRows.putAll(open);
            List<MultiGauge.Row<?>> rows = new ArrayList<>();
            deadLetterRows.forEach((k, v) -> rows.add(MultiGauge.Row.of(Tags.of("flow", k.get(0), "reason", k.get(1)), v)));
            deadLetters.register(rows, true);
            List<MultiGauge.Row<?>> ages = new ArrayList<>();
            store.watermarkAges().forEach((k, v) -> ages.add(MultiGauge.Row.of(Tags.of("flow", k.get(0), "source", k.get(1)), v)));
            watermarkAges.register(ages, true);
            List<MultiGauge.Row<?>> found = new ArrayList<>();
            store.reconcileDifferences().forEach((k, v) -> found.add(MultiGauge.Row.of(Tags.of("flow", k.get(0),
                    "kind", k.get(1)), v)));
            reconcileDifferences.register(found, true);
            // a flow whose outbox emptied stays, at 0, so an alert on its size or age resolves instead of vanishing
            outboxRows.replaceAll((k, v) -> new double[] {0, 0});
            flows.forEach(f -> outboxRows.putIfAbsent(f, new double[] {0, 0})); // each flow from the first scrape on
            outboxRows.putAll(store.outbox());
            List<MultiGauge.Row<?>> entries = new ArrayList<>();
            List<MultiGauge.Row<?>> oldest = new ArrayList<>();
            outboxRows.forEach((flow, v) -> {
                entries.add(MultiGauge.Row.of(Tags.of("flow", flow), v[0]));
                oldest.add(MultiGauge.Row.of(Tags.of("flow", flow), v[1]));
            });
            outboxEntries.register(entries, true);
            outboxAge.register(oldest, true);
        } catch (Exception e) {
            LOG.warn("metrics: the state store could not be read ({}); dead-letter and watermark gauges keep their"
                    + " last values", e.getClass().getSimpleName());
        }
    }

    @Override
    public void close() {
        gc.close();
        lag.close();
        registry.close();
    }
}
