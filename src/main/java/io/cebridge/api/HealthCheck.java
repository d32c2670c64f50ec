package io.cebridge.api;

import io.cebridge.runtime.FlowFailures;
import java.sql.Connection;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * The checks behind GET /health: ERP and state store give a valid connection, the Kafka cluster answers, no flow
 * was stopped by a system failure. Each check has {@link #TIMEOUT}; probes get an answer even when a system hangs.
 * Details name the failing component only: the endpoint is unauthenticated, so driver text stays in the log.
 */
final class HealthCheck implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(2);
    private final ErpProbe erp;
    private final DataSource store;
    private final FlowFailures failures;
    private final AdminClient kafka;
    // checks run here so a connection attempt that blocks for the pool's timeout never blocks the HTTP thread
    private final ExecutorService checks = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "ce-bridge-health");
        t.setDaemon(true);
        return t;
    });

    /** {@code erp}: null when no ERP is configured. */
    HealthCheck(ErpProbe erp, DataSource store, String bootstrapServers, FlowFailures failures) {
        this.erp = erp;
        this.store = store;
        this.failures = failures;
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "ce-bridge-health");
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        p.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        this.kafka = AdminClient.create(p);
    }

    /** {"status": "UP"|"DOWN", "components": {...}}. */
    Map<String, Object> check() {
        Future<String> erpCheck = erp == null ? null : checks.submit(erp::check);
        Future<String> storeCheck = checks.submit(() -> validConnection(store));
        Future<String> kafkaCheck = checks.submit(this::kafkaAnswers);
        Map<String, Object> components = new LinkedHashMap<>();
        components.put("erp", erp == null ? down("no ERP is configured (bridge.erp.jdbc-url)") : await(erpCheck, "no valid ERP connection"));
        components.put("store", await(storeCheck, "no valid state store connection"));
        components.put("kafka", await(kafkaCheck, "Kafka cluster did not answer"));
        Map<String, String> stopped = failures.stoppedFlows();
        components.put("flows", stopped.isEmpty() ? up()
                : Map.of("status", "DOWN", "stopped", stopped.keySet().stream().sorted().toList()));
        boolean allUp = components.values().stream().allMatch(c -> "UP".equals(((Map<?, ?>) c).get("status")));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", allUp ? "UP" : "DOWN");
        out.put("components", components);
        return out;
    }

    private static String validConnection(DataSource ds) throws Exception {
        try (Connection c = ds.getConnection()) {
            return c.isValid((int) TIMEOUT.toSeconds()) ? null : "connection not valid";
        }
    }

    private String kafkaAnswers() throws Exception {
        kafka.describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis())).nodes()
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return null;
    }

    private static Map<String, Object> await(Future<String> check, String whenDown) {
        try {
            String problem = check.get(TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS);
            return problem == null ? up() : down(whenDown);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return down(whenDown);
        } catch (Exception e) {
            check.cancel(true);
            return down(whenDown + " within " + TIMEOUT.toSeconds() + " s");
        }
    }

    private static Map<String, Object> up() {
        return Map.of("status", "UP");
    }

    private static Map<String, Object> down(String detail) {
        return Map.of("status", "DOWN", "detail", detail);
    }

    @Override
    public void close() {
        checks.shutdownNow();
        kafka.close(Duration.ofSeconds(5));
    }
}
