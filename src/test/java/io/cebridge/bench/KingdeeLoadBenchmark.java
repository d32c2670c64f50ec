package io.cebridge.bench;

import io.cebridge.config.BridgeConfig;
import io.cebridge.demo.DemoAccountStore;
import io.cebridge.demo.DemoSalesforceServer;
import io.cebridge.demo.kingdee.KingdeeStandIn;
import io.cebridge.flow.FlowStats;
import io.cebridge.runtime.BridgeRuntime;
import io.cebridge.runtime.OnceRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Benchmark (not a test): customer-master's initial load into the Kingdee stand-in through the WebAPI connector
 * (`run --once`: CRM paging, cleansing, Kafka, mapping, look-up + BatchSave, write-back). Prints records/s and
 * Kingdee calls per 1,000 records. Run: mvn -Pbench verify -Dbench.class=io.cebridge.bench.KingdeeLoadBenchmark
 * -Dbench.accounts=20000
 */
public final class KingdeeLoadBenchmark {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        String batch = args.length > 1 ? args[1] : "500";
        Path dir = Files.createTempDirectory("ce-bridge-kingdee-bench");
        DemoAccountStore accounts = DemoAccountStore.empty(Clock.systemUTC());
        for (int i = 0; i < n; i++) {
            accounts.create(Map.of("Name", "金蝶基准客户 " + i + " 有限公司", "CurrencyIsoCode", "CNY", "BillingCity", "深圳市"));
        }
        try (KingdeeStandIn kingdee = KingdeeStandIn.standard("bench-secret", "F_CRM_ID").start(0);
             DemoSalesforceServer crm = new DemoSalesforceServer(accounts, "bench", "bench-secret")) {
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
            long start = System.nanoTime();
            FlowStats.Counters c;
            try (BridgeRuntime runtime = new BridgeRuntime(BridgeConfig.load(null, Map.of(), new Properties(), o), true)) {
                runtime.start();
                var failure = new OnceRunner(runtime, Duration.ofMinutes(30)).await();
                if (failure.isPresent()) {
                    throw new IllegalStateException("run --once failed: " + failure.get());
                }
                c = runtime.stats().of("customer-master");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Set<Object> crmIds = new HashSet<>();
            kingdee.customers().forEach(d -> crmIds.add(d.get("F_CRM_ID")));
            long numbered = accounts.all().stream().filter(a -> a.get("ERP_Customer_No__c") != null).count();
            long calls = kingdee.calls().values().stream().mapToLong(Long::longValue).sum();
            System.out.printf("Kingdee initial load: %d accounts, batch %s: %.1f s = %.0f records/s (run --once from start,"
                    + " write-back included)%n", n, batch, seconds, n / seconds);
            System.out.printf("delivered=%d dead-lettered=%d; BD_Customer documents %d (distinct CRM ids %d); accounts"
                    + " numbered %d%n", c.delivered.get(), c.deadLettered.get(), kingdee.customers().size(), crmIds.size(),
                    numbered);
            System.out.printf("Kingdee calls: %s = %d, %.1f per 1,000 records%n", kingdee.calls(), calls, calls * 1000.0 / n);
        }
    }
}
