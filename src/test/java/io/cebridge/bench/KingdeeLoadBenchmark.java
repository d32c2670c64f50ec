package io.cebridge.bench;

import io.cebridge.config.BridgeConfig;
import io.cebridge.connector.erp.kingdee.KingdeeClient;
import io.cebridge.connector.erp.kingdee.KingdeeForms;
import io.cebridge.connector.erp.kingdee.KingdeeSettings;
import io.cebridge.demo.DemoAccountStore;
import io.cebridge.demo.DemoObjectStore;
import io.cebridge.demo.DemoSalesforceServer;
import io.cebridge.demo.kingdee.KingdeeStandIn;
import io.cebridge.flow.FlowStats;
import io.cebridge.it.DemoQuotes;
import io.cebridge.runtime.BridgeRuntime;
import io.cebridge.runtime.OnceRunner;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Benchmark (not a test): an initial load into the Kingdee stand-in through the WebAPI connector (`run --once`: CRM
 * paging, Kafka, mapping, look-up + BatchSave, write-back). Prints records/s and Kingdee calls per 1,000 records.
 * customer-master (default): N accounts -> BD_Customer. quote-to-order (-Dbench.target=quote-to-order): N accepted
 * quotes of 5 lines each, of 100 accounts whose customers are in Kingdee and linked -> SAL_SaleOrder.
 * Run: mvn -Pbench verify -Dbench.class=io.cebridge.bench.KingdeeLoadBenchmark -Dbench.accounts=20000
 * [-Dbench.target=quote-to-order]
 */
public final class KingdeeLoadBenchmark {
    private static final int QUOTE_LINES = 5;
    private static final int QUOTE_ACCOUNTS = 100;

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        String batch = args.length > 1 ? args[1] : "500";
        boolean quotes = args.length > 2 && args[2].equals("quote-to-order");
        Path dir = Files.createTempDirectory("ce-bridge-kingdee-bench");
        DemoAccountStore accounts = DemoAccountStore.empty(Clock.systemUTC());
        DemoObjectStore objects = new DemoObjectStore(Clock.systemUTC());
        for (int i = 0; i < (quotes ? QUOTE_ACCOUNTS : n); i++) {
            accounts.create(Map.of("Name", "金蝶基准客户 " + i + " 有限公司", "CurrencyIsoCode", "CNY", "BillingCity", "深圳市"));
        }
        try (KingdeeStandIn kingdee = KingdeeStandIn.standard("bench-secret", "F_CRM_ID").start(0);
             DemoSalesforceServer crm = new DemoSalesforceServer(accounts, objects, "bench", "bench-secret")) {
            crm.start(0);
            Map<String, String> o = BenchSettings.of(dir.resolve("data"), crm.loginUrl(), "");
            o.remove("bridge.erp.jdbc-url");
            o.put("bridge.erp.type", "kingdee");
            o.put("bridge.erp.kingdee.server-url", kingdee.serverUrl());
            o.put("bridge.erp.kingdee.acct-id", kingdee.acctId());
            o.put("bridge.erp.kingdee.username", kingdee.username());
            o.put("bridge.erp.kingdee.app-id", kingdee.appId());
            o.put("bridge.erp.kingdee.app-secret", "bench-secret");
            o.put("bridge.erp.kingdee.org-number", "100");
            o.put("bridge.flows.customer-master.batch-size", batch);
            o.put("bridge.http.enabled", "false");
            if (quotes) {
                o.put("bridge.flows.customer-master.enabled", "false");
                o.put("bridge.flows.quote-to-order.enabled", "true");
                o.put("bridge.flows.quote-to-order.batch-size", batch);
                seedQuotes(BridgeConfig.load(null, Map.of(), new Properties(), o), kingdee, accounts, objects, n);
            }
            Map<String, Long> before = kingdee.calls();
            long start = System.nanoTime();
            FlowStats.Counters c;
            try (BridgeRuntime runtime = new BridgeRuntime(BridgeConfig.load(null, Map.of(), new Properties(), o), true)) {
                runtime.start();
                var failure = new OnceRunner(runtime, Duration.ofMinutes(30)).await();
                if (failure.isPresent()) {
                    throw new IllegalStateException("run --once failed: " + failure.get());
                }
                c = runtime.stats().of(quotes ? "quote-to-order" : "customer-master");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Map<String, Long> calls = new java.util.TreeMap<>();
            kingdee.calls().forEach((k, v) -> calls.put(k, v - before.getOrDefault(k, 0L)));
            long total = calls.values().stream().mapToLong(Long::longValue).sum();
            if (quotes) {
                Set<Object> quoteIds = new HashSet<>();
                long lines = 0;
                for (Map<String, Object> order : kingdee.saleOrders()) {
                    quoteIds.add(order.get("F_CRM_ID"));
                    lines += ((List<?>) order.get("FSALEORDERENTRY")).size();
                }
                long numbered = objects.records("Quote").stream().filter(q -> q.get("ERP_Order_No__c") != null).count();
                System.out.printf("Kingdee quote-to-order: %d quotes of %d lines, batch %s: %.1f s = %.0f records/s"
                        + " (run --once from start, write-back included)%n", n, QUOTE_LINES, batch, seconds, n / seconds);
                System.out.printf("delivered=%d dead-lettered=%d; SAL_SaleOrder documents %d (distinct CRM quote ids %d,"
                        + " lines %d); quotes numbered %d%n", c.delivered.get(), c.deadLettered.get(),
                        kingdee.saleOrders().size(), quoteIds.size(), lines, numbered);
            } else {
                Set<Object> crmIds = new HashSet<>();
                kingdee.customers().forEach(d -> crmIds.add(d.get("F_CRM_ID")));
                long numbered = accounts.all().stream().filter(a -> a.get("ERP_Customer_No__c") != null).count();
                System.out.printf("Kingdee initial load: %d accounts, batch %s: %.1f s = %.0f records/s (run --once from"
                        + " start, write-back included)%n", n, batch, seconds, n / seconds);
                System.out.printf("delivered=%d dead-lettered=%d; BD_Customer documents %d (distinct CRM ids %d); accounts"
                        + " numbered %d%n", c.delivered.get(), c.deadLettered.get(), kingdee.customers().size(),
                        crmIds.size(), numbered);
            }
            System.out.printf("Kingdee calls of the run: %s = %d, %.1f per 1,000 records%n", calls, total,
                    total * 1000.0 / n);
        }
    }

    /**
     * 40 materials and products; the accounts' customers saved, submitted and audited in Kingdee and linked in the
     * state store (as customer-master leaves them); {@code n} accepted quotes of {@link #QUOTE_LINES} lines.
     */
    private static void seedQuotes(BridgeConfig cfg, KingdeeStandIn kingdee, DemoAccountStore accounts,
                                   DemoObjectStore objects, int n) throws Exception {
        List<DemoQuotes.Product> products = new ArrayList<>();
        for (int p = 1; p <= 40; p++) {
            String code = "BENCH-" + p;
            kingdee.addMaterial(code, "基准物料 " + p, false);
            products.add(new DemoQuotes.Product(objects.seed("Product2", Map.of("Name", code, "ERP_Product_Code__c", code)),
                    code, new BigDecimal(p + ".25")));
        }
        List<String> ids = accounts.all().stream().map(a -> (String) a.get("Id")).toList();
        KingdeeForms forms = new KingdeeForms(new KingdeeClient(KingdeeSettings.from(cfg)));
        List<Map<String, Object>> models = new ArrayList<>();
        ids.forEach(id -> models.add(Map.of("FName", "金蝶基准客户 " + id, "F_CRM_ID", id)));
        List<String> numbers = new ArrayList<>();
        forms.batchSave("BD_Customer", models, List.of()).saved().forEach(s -> numbers.add(s.number()));
        forms.submit("BD_Customer", numbers);
        forms.audit("BD_Customer", numbers);
        Map<String, String> links = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            links.put(ids.get(i), numbers.get(i));
        }
        try (io.cebridge.store.StateStore store = io.cebridge.store.StateStore.open(cfg, 2)) {
            store.xref().upsert("customer", links.entrySet().stream().map(e -> new io.cebridge.store.XrefEntry(e.getKey(),
                    e.getValue(), "2026-01-01T00:00:00.000Z")).toList());
        }
        for (int q = 0; q < n; q++) {
            DemoQuotes.accepted(objects, ids.get(q % ids.size()), products, q, QUOTE_LINES);
        }
    }
}
