package io.cebridge.it;

import io.cebridge.config.BridgeConfig;
import io.cebridge.runtime.BridgeRuntime;
import io.cebridge.flow.FlowStats;
import io.cebridge.runtime.OnceRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

/**
 * Boots the real runtime (Camel Main, YAML routes, mappings) against the shared Kafka broker, a demo or WireMock
 * CRM and a test ERP, for one `run --once` cycle at a time; state survives between cycles in the data dir.
 */
public final class BridgeHarness {
    public final Map<String, String> overrides = new HashMap<>();
    public final String topicPrefix = "it-" + UUID.randomUUID().toString().substring(0, 8) + ".";

    public BridgeHarness(Path dataDir, String crmLoginUrl, String crmSecret, TestErp erp) {
        overrides.put("bridge.data-dir", dataDir.toString());
        overrides.put("bridge.routes-dir", Path.of("routes").toAbsolutePath().toString());
        overrides.put("bridge.mappings-dir", Path.of("mappings").toAbsolutePath().toString());
        overrides.put("bridge.kafka.bootstrap-servers", SharedKafka.bootstrapServers());
        overrides.put("bridge.kafka.topic-prefix", topicPrefix);
        overrides.put("bridge.crm.salesforce.login-url", crmLoginUrl);
        overrides.put("bridge.crm.salesforce.allow-insecure-http", "true"); // stand-ins on this machine
        overrides.put("bridge.crm.salesforce.client-id", "it-client");
        overrides.put("bridge.crm.salesforce.client-secret", crmSecret);
        overrides.put("bridge.erp.jdbc-url", erp.url);
        overrides.put("bridge.erp.username", erp.user);
        overrides.put("bridge.retry.initial-delay", "50ms");
        overrides.put("bridge.retry.max-delay", "500ms");
        overrides.put("bridge.retry.max-attempts", "3");
        overrides.put("bridge.http.port", "0"); // runtimes started here in parallel must not fight over 8080
    }

    /** Switches these flows on, polling every second. */
    public BridgeHarness enable(String... flows) {
        for (String flow : flows) {
            overrides.put("bridge.flows." + flow + ".enabled", "true");
            overrides.put("bridge.flows." + flow + ".poll-interval", "1s");
        }
        return this;
    }

    /** Links a CRM account to an ERP customer in the state store, as customer-master would have. */
    public BridgeHarness link(String crmAccountId, String erpCustomerNo) throws Exception {
        try (io.cebridge.store.StateStore store = io.cebridge.store.StateStore.open(config(), 2)) {
            store.xref().upsert("customer", java.util.List.of(new io.cebridge.store.XrefEntry(crmAccountId, erpCustomerNo,
                    "2026-01-01T00:00:00.000Z")));
        }
        return this;
    }

    public BridgeConfig config() {
        return BridgeConfig.load(null, Map.of(), new Properties(), overrides);
    }

    /** One `run --once` cycle; returns the counters, or throws with the failure. */
    public FlowStats.Counters runOnce() throws Exception {
        try (BridgeRuntime runtime = new BridgeRuntime(config(), true)) {
            runtime.start();
            Optional<String> failure = new OnceRunner(runtime, Duration.ofMinutes(5)).await();
            if (failure.isPresent()) {
                throw new AssertionError("run --once failed: " + failure.get());
            }
            return runtime.stats().of("customer-master");
        }
    }
}
