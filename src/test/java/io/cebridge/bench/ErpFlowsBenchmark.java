package io.cebridge.bench;

import io.cebridge.config.BridgeConfig;
import io.cebridge.it.FakeSalesforceWrites;
import io.cebridge.it.SharedKafka;
import io.cebridge.it.TestErp;
import io.cebridge.runtime.BridgeRuntime;
import io.cebridge.flow.FlowStats;
import io.cebridge.runtime.OnceRunner;
import io.cebridge.store.StateStore;
import io.cebridge.store.XrefEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * Prints, per ERP -> CRM flow, the initial load of the seeded reference ERP (every customer linked) into a WireMock
 * Salesforce (documents and CRM records per second, measured from the runtime's start to the end of `run --once`),
 * then the time from an ERP change to the CRM write with a 1 s poll. Not a test:
 * {@code mvn -Pbench verify -Dbench.class=io.cebridge.bench.ErpFlowsBenchmark [-Dbench.target=postgresql]}.
 */
public final class ErpFlowsBenchmark {
    private static final List<String> FLOWS = List.of("financial-summary", "order-invoice-history", "product-catalog",
            "exchange-rates");

    private ErpFlowsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String target = args.length > 2 ? args[2] : "h2";
        Path tmp = Files.createTempDirectory("ce-bridge-erp-bench");
        TestErp.Kind kind = target.equals("postgresql") ? TestErp.Kind.POSTGRESQL : TestErp.Kind.H2;
        try (TestErp erp = TestErp.create(kind, tmp, true); FakeSalesforceWrites crm = new FakeSalesforceWrites()) {
            for (String flow : FLOWS) {
                Path data = tmp.resolve(flow);
                Map<String, String> o = overrides(data, crm, erp, flow);
                BridgeConfig cfg = BridgeConfig.load(null, Map.of(), new Properties(), o);
                linkAllCustomers(cfg, erp);
                int before = crm.writes.size();
                long t0 = System.nanoTime();
                try (BridgeRuntime runtime = new BridgeRuntime(cfg, true).withErpClock(asOf()).start()) {
                    new OnceRunner(runtime, Duration.ofMinutes(10)).await().ifPresent(f -> {
                        throw new IllegalStateException(f);
                    });
                    double s = (System.nanoTime() - t0) / 1e9;
                    FlowStats.Counters c = runtime.stats().of(flow);
                    int records = crm.writes.size() - before;
                    System.out.printf("%-22s initial load (%s): %d documents delivered, %d CRM records written,"
                                    + " %d waiting, %d dead-lettered in %.2f s = %.0f documents/s, %.0f CRM records/s%n",
                            flow, target, c.delivered.get(), records, c.waiting.get(), c.deadLettered.get(), s,
                            c.delivered.get() / s, records / s);
                }
            }
            latency(tmp, crm, erp, target);
        }
        System.exit(0); // the shared in-JVM Kafka broker's threads would keep the JVM alive
    }

    /** 20 order status changes, one at a time, each timed from the ERP commit to the CRM write. */
    private static void latency(Path tmp, FakeSalesforceWrites crm, TestErp erp, String target) throws Exception {
        Map<String, String> o = overrides(tmp.resolve("latency"), crm, erp, "order-invoice-history");
        o.put("bridge.flows.order-invoice-history.poll-interval", "1s");
        BridgeConfig cfg = BridgeConfig.load(null, Map.of(), new Properties(), o);
        linkAllCustomers(cfg, erp);
        List<String> orders = new ArrayList<>();
        try (Connection c = erp.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT order_no FROM erp_sales_order ORDER BY order_no")) {
            while (rs.next() && orders.size() < 20) {
                orders.add(rs.getString(1));
            }
        }
        List<Long> millis = new ArrayList<>();
        try (BridgeRuntime runtime = new BridgeRuntime(cfg, false).withErpClock(asOf()).start()) {
            org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(5)).until(() ->
                    runtime.stats().of("order-invoice-history").pollCycles.get() > 2
                            && crm.of("ERP_Sales_Order__c").size() > 0);
            for (String order : orders) {
                String remark = "bench " + UUID.randomUUID();
                long t0 = System.nanoTime();
                erp.execute("UPDATE erp_sales_order SET remarks = '" + remark + "', updated_at = CURRENT_TIMESTAMP"
                        + " WHERE order_no = '" + order + "'");
                org.awaitility.Awaitility.await().pollInterval(Duration.ofMillis(10)).atMost(Duration.ofMinutes(1))
                        .until(() -> remark.equals(crm.of("ERP_Sales_Order__c").get(order).path("Remarks__c").asText()));
                millis.add((System.nanoTime() - t0) / 1_000_000);
            }
        }
        millis.sort(Long::compare);
        System.out.printf("order-invoice-history ERP change -> CRM write (%s, poll 1 s, %d changes): p50 %d ms, max %d ms%n",
                target, millis.size(), millis.get(millis.size() / 2), millis.get(millis.size() - 1));
    }

    private static Map<String, String> overrides(Path data, FakeSalesforceWrites crm, TestErp erp, String flow) {
        Map<String, String> o = BenchSettings.of(data, crm.baseUrl(), erp.url);
        o.put("bridge.kafka.bootstrap-servers", SharedKafka.bootstrapServers());
        o.put("bridge.kafka.topic-prefix", "bench-" + UUID.randomUUID().toString().substring(0, 8) + ".");
        o.put("bridge.erp.username", erp.user);
        o.put("bridge.http.enabled", "false");
        o.put("bridge.flows.customer-master.enabled", "false");
        o.put("bridge.flows." + flow + ".enabled", "true");
        return o;
    }

    private static void linkAllCustomers(BridgeConfig cfg, TestErp erp) throws Exception {
        List<XrefEntry> links = new ArrayList<>();
        try (Connection c = erp.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT customer_no FROM erp_customer")) {
            while (rs.next()) {
                links.add(new XrefEntry(String.format("001%015d", rs.getLong(1)), rs.getString(1),
                        "1970-01-01T00:00:00.000Z"));
            }
        }
        try (StateStore store = StateStore.open(cfg, 2)) {
            store.xref().upsert("customer", links);
        }
    }

    /** A day inside the seeded history, so the summaries have sales and every aging bucket. */
    private static Clock asOf() {
        return Clock.fixed(LocalDate.of(2005, 6, 15).atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
    }
}
