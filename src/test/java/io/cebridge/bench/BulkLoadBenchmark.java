package io.cebridge.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.cebridge.config.BridgeConfig;
import io.cebridge.config.Secret;
import io.cebridge.demo.DemoAccountStore;
import io.cebridge.demo.DemoSalesforceServer;
import io.cebridge.erp.reference.ReferenceErpInstaller;
import io.cebridge.flow.FlowStats;
import io.cebridge.runtime.BridgeRuntime;
import io.cebridge.runtime.OnceRunner;
import io.cebridge.store.Pools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;

/**
 * Benchmark (not a test): the customer-master initial load of N accounts with `run --once` against the demo CRM, over
 * the REST API (query pages of 2,000, sObject Collections write-backs of 200) and over Bulk API 2.0 (a query job, an
 * ingest job per delivery batch), each without and with the stand-in's realistic latency (150 ms per call, at most 25
 * calls at once). Prints wall time and the API calls the CRM counted (Sforce-Limit-Info api-usage), side by side.
 * Run: mvn -Pbench verify -Dbench.class=io.cebridge.bench.BulkLoadBenchmark -Dbench.accounts=100000
 * -Dbench.batch=5000 [-Dbench.crm=rest,bulk,rest-latency,bulk-latency]
 */
public final class BulkLoadBenchmark {
    private static final Duration LATENCY = Duration.ofMillis(150);
    private static final int LONG_CALLS = 25;

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int batch = args.length > 1 && args[1].matches("\\d+") ? Integer.parseInt(args[1]) : 5000;
        List<String> modes = args.length > 3 && args[3].matches("[a-z,-]+") && !args[3].equals("in-process")
                ? List.of(args[3].split(",")) : List.of("rest", "bulk", "rest-latency", "bulk-latency");
        List<String> lines = new ArrayList<>();
        for (String mode : modes) {
            lines.add(run(n, batch, mode.startsWith("bulk"), mode.endsWith("latency")));
            System.out.println(lines.get(lines.size() - 1));
        }
        System.out.println();
        System.out.printf("initial load of %,d accounts, delivery batch %d, H2 ERP, `run --once`:%n", n, batch);
        lines.forEach(System.out::println);
        System.out.printf("machine: %d cores, Java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        System.exit(0);
    }

    private static String run(int n, int batch, boolean bulk, boolean latency) throws Exception {
        DemoAccountStore accounts = DemoAccountStore.empty(Clock.systemUTC());
        Random rnd = new Random(42);
        for (int i = 0; i < n; i++) {
            accounts.create(InitialLoadBenchmark.account(i, rnd));
        }
        Path dir = Files.createTempDirectory("ce-bridge-bulk-bench");
        String erpUrl = "jdbc:h2:file:" + dir.resolve("erp") + ";DB_CLOSE_ON_EXIT=FALSE";
        try (HikariDataSource ds = Pools.open("bench-setup", erpUrl, "", new Secret(""), 2)) {
            new ReferenceErpInstaller(ds).install(false);
        }
        DemoSalesforceServer crm = new DemoSalesforceServer(accounts, "bench", "bench-secret");
        if (latency) {
            crm.withLatency(LATENCY, LONG_CALLS);
        }
        crm.start(0);
        try (crm) {
            Map<String, String> o = BenchSettings.of(dir.resolve("data"), crm.loginUrl(), erpUrl);
            o.put("bridge.flows.customer-master.batch-size", Integer.toString(batch));
            // REST: never bulk; Bulk: the query (n records) and every full delivery batch's write-backs go through jobs
            o.put("bridge.crm.bulk-threshold", bulk ? Integer.toString(Math.max(1, batch / 2)) : Integer.toString(Integer.MAX_VALUE));
            o.put("bridge.crm.api-reserve", "0");
            BridgeConfig cfg = BridgeConfig.load(null, Map.of(), new Properties(), o);
            long start = System.nanoTime();
            try (BridgeRuntime runtime = new BridgeRuntime(cfg, true)) {
                runtime.start();
                Optional<String> failure = new OnceRunner(runtime, Duration.ofHours(1)).await();
                double secs = (System.nanoTime() - start) / 1e9;
                FlowStats.Counters c = runtime.stats().of("customer-master");
                long written = accounts.all().stream().filter(a -> a.get("ERP_Customer_No__c") != null).count();
                return String.format("%-5s %-16s %,9d delivered, %,9d written back in %7.1f s wall, %,6d API calls"
                                + " (%d query, %d bulk query, %d collections, %d bulk ingest)%s",
                        bulk ? "Bulk" : "REST", latency ? "150 ms, 25 calls" : "no latency", c.delivered.get(), written,
                        secs, crm.apiCalls(), crm.requestCount("/services/data/v60.0/query"),
                        crm.requestCount("/services/data/v60.0/jobs/query"),
                        crm.requestCount("/services/data/v60.0/composite/sobjects"),
                        crm.requestCount("/services/data/v60.0/jobs/ingest"),
                        failure.map(f -> " FAILED: " + f).orElse(""));
            }
        }
    }
}
