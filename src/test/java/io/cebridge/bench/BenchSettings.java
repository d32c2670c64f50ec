package io.cebridge.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The settings every benchmark's runtime shares: the checkout's routes and mappings, a CRM stand-in, an ERP. */
final class BenchSettings {
    private BenchSettings() {
    }

    /** A mutable map a benchmark adds its flows' settings to. */
    static Map<String, String> of(Path dataDir, String crmLoginUrl, String erpUrl) {
        Map<String, String> o = new HashMap<>();
        o.put("bridge.data-dir", dataDir.toString());
        o.put("bridge.routes-dir", Path.of("routes").toAbsolutePath().toString());
        o.put("bridge.mappings-dir", Path.of("mappings").toAbsolutePath().toString());
        o.put("bridge.crm.salesforce.login-url", crmLoginUrl);
        o.put("bridge.crm.salesforce.allow-insecure-http", "true"); // stand-ins on this machine
        o.put("bridge.crm.salesforce.client-id", "bench");
        o.put("bridge.crm.salesforce.client-secret", "bench-secret");
        o.put("bridge.erp.jdbc-url", erpUrl);
        // -Dbench.consumers=N: customer-master delivers with N Kafka consumers (empty: the flow's default)
        String consumers = consumers();
        if (!consumers.isEmpty()) {
            o.put("bridge.flows.customer-master.delivery-consumers", consumers);
        }
        return o;
    }

    /** -Dbench.consumers, or empty for the flow's default; benchmarks print it beside their figures. */
    static String consumers() {
        return System.getProperty("bench.consumers", "").strip();
    }
}
