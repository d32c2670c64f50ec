package io.cebridge.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.cebridge.config.BridgeConfig;
import io.cebridge.config.Secret;
import io.cebridge.demo.DemoAccountStore;
import io.cebridge.demo.DemoObjectStore;
import io.cebridge.demo.DemoSalesforceServer;
import io.cebridge.erp.reference.ReferenceErpInstaller;
import io.cebridge.it.DemoQuotes;
import io.cebridge.runtime.BridgeRuntime;
import io.cebridge.store.Pools;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Benchmark (not a test) of quote-to-order on H2: the initial load of N accepted quotes of 10 lines each (orders/s,
 * from the runtime's start to the last order in the ERP, accounts linked first by customer-master), raw JDBC inserts
 * of the same number of orders and lines in the same run, then quote-to-ERP-order latency at a 1 s poll (p50, p99).
 * Run: mvn -Pbench verify -Dbench.class=io.cebridge.bench.QuoteToOrderBenchmark -Dbench.accounts=10000
 * (bench.accounts is the number of quotes here).
 */
public final class QuoteToOrderBenchmark {
    private static final int LINES = 10;
    private static final int ACCOUNTS = 50;

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Path dir = Files.createTempDirectory("ce-bridge-q2o");
        DemoAccountStore accounts = DemoAccountStore.empty(Clock.systemUTC());
        DemoObjectStore objects = new DemoObjectStore(Clock.systemUTC());
        List<String> accountIds = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            accountIds.add((String) accounts.create(Map.of("Name", "Quote Customer " + i)).get("Id"));
        }
        String erpUrl = "jdbc:h2:file:" + dir.resolve("erp") + ";DB_CLOSE_ON_EXIT=FALSE";
        try (HikariDataSource erp = Pools.open("bench-erp", erpUrl, "", new Secret(""), 2);
             DemoSalesforceServer crm = new DemoSalesforceServer(accounts, objects, "bench", "bench-secret")) {
            new ReferenceErpInstaller(erp).install(true); // products and the USD price list
            List<DemoQuotes.Product> products = DemoQuotes.products(erp, objects, 40);
            for (int q = 0; q < n; q++) {
                DemoQuotes.accepted(objects, accountIds.get(q % ACCOUNTS), products, q, LINES);
            }
            crm.start(0);
            Map<String, String> o = BenchSettings.of(dir.resolve("data"), crm.loginUrl(), erpUrl);
            o.put("bridge.flows.customer-master.poll-interval", "1s");
            o.put("bridge.flows.quote-to-order.enabled", "true");
            o.put("bridge.flows.quote-to-order.poll-interval", "1s");
            try (BridgeRuntime runtime = new BridgeRuntime(BridgeConfig.load(null, Map.of(), new Properties(), o), false)) {
                long start = System.nanoTime();
                runtime.start();
                while (crmOrders(erp) < n) {
                    Thread.sleep(100); // polling a benchmark's progress, not a test wait
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("quote-to-order initial load: %d accepted quotes x %d lines -> %d ERP orders in %.1f s"
                        + " = %.0f orders/s (%.0f lines/s), runtime start and linking %d accounts included%n", n, LINES, n,
                        seconds, n / seconds, n * LINES / seconds, ACCOUNTS);
                double raw = rawInserts(erp, n, accountIds.size());
                System.out.printf("raw JDBC inserts of the same %d orders x %d lines in the same run (batches of 500"
                        + " orders, one transaction each): %.1f s = %.0f orders/s; ce-bridge at %.2f of it%n", n, LINES, raw,
                        n / raw, raw / seconds);
                awaitQuiet(runtime, objects);
                latency(objects, erp, accountIds, products, n);
            }
        }
        System.exit(0);
    }

    /**
     * Waits until the load is over in the CRM too: every quote carries its order number, and the flow has read no new
     * version for 7 s (the write-backs change every quote, so the flow reads all of them again and skips the echoes);
     * quotes made while that backlog drains would time the backlog, not a quote.
     */
    private static void awaitQuiet(BridgeRuntime runtime, DemoObjectStore objects) throws Exception {
        io.cebridge.flow.FlowStats.Counters c = runtime.stats().of("quote-to-order");
        long lastRead = -1;
        long quietSince = System.currentTimeMillis();
        while (true) {
            Thread.sleep(200); // polling a benchmark's progress, not a test wait
            if (objects.records("Quote").stream().anyMatch(q -> q.get("ERP_Order_No__c") == null)
                    || c.settled() < c.read.get()) {
                quietSince = System.currentTimeMillis();
                continue;
            }
            if (c.read.get() != lastRead) {
                lastRead = c.read.get();
                quietSince = System.currentTimeMillis();
            } else if (System.currentTimeMillis() - quietSince >= 7_000) {
                return;
            }
        }
    }

    private static double rawInserts(HikariDataSource erp, int n, int customers) throws Exception {
        List<Long> customerNos = new ArrayList<>();
        try (Connection c = erp.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT customer_no FROM erp_customer WHERE crm_account_id IS NOT NULL"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                customerNos.add(rs.getLong(1));
            }
        }
        long start = System.nanoTime();
        try (Connection c = erp.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement h = c.prepareStatement("INSERT INTO erp_sales_order (order_no, customer_no, status,"
                    + " currency, total_amount, order_source) VALUES (?, ?, 'OPEN', 'USD', ?, 'RAW')");
                 PreparedStatement l = c.prepareStatement("INSERT INTO erp_sales_order_line (order_no, line_no, product_code,"
                         + " quantity, unit_price, line_amount) VALUES (?, ?, 'S10_1678', 1, 10, 10.00)")) {
                for (int q = 0; q < n; q++) {
                    String no = "RAW-" + q;
                    h.setString(1, no);
                    h.setLong(2, customerNos.get(q % customerNos.size()));
                    h.setBigDecimal(3, new BigDecimal("100.00"));
                    h.addBatch();
                    for (int line = 1; line <= LINES; line++) {
                        l.setString(1, no);
                        l.setInt(2, line);
                        l.addBatch();
                    }
                    if ((q + 1) % 500 == 0 || q == n - 1) {
                        h.executeBatch();
                        l.executeBatch();
                        c.commit();
                    }
                }
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static void latency(DemoObjectStore objects, HikariDataSource erp, List<String> accounts,
                                List<DemoQuotes.Product> products, int offset) throws Exception {
        int count = 60;
        Map<String, Long> created = new LinkedHashMap<>();
        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long t = System.currentTimeMillis();
            created.put(DemoQuotes.accepted(objects, accounts.get(i % accounts.size()), products, offset + i, LINES), t);
            Thread.sleep(500); // two new accepted quotes a second, the load the latency is measured under
            collect(erp, created, latencies);
        }
        long deadline = System.currentTimeMillis() + 60_000;
        while (!created.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50); // sampling interval of the observer
            collect(erp, created, latencies);
        }
        Collections.sort(latencies);
        System.out.printf("quote-to-ERP-order latency over %d quotes (2 a second, poll interval 1 s, from the quote's"
                + " creation to the order's created_at): p50 %d ms, p99 %d ms, max %d ms%n", latencies.size(),
                pct(latencies, 50), pct(latencies, 99), latencies.get(latencies.size() - 1));
    }

    private static void collect(HikariDataSource erp, Map<String, Long> created, List<Long> latencies) throws Exception {
        try (Connection c = erp.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT created_at FROM erp_sales_order WHERE crm_quote_id = ?")) {
            var it = created.entrySet().iterator();
            while (it.hasNext()) {
                var e = it.next();
                ps.setString(1, e.getKey());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        latencies.add(rs.getTimestamp(1).getTime() - e.getValue());
                        it.remove();
                    }
                }
            }
        }
    }

    private static long pct(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static int crmOrders(HikariDataSource erp) throws Exception {
        try (Connection c = erp.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM erp_sales_order WHERE order_source = 'CRM'"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
