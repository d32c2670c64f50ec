package io.cebridge.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.cebridge.config.Secret;
import io.cebridge.demo.DemoAccountStore;
import io.cebridge.demo.DemoSalesforceServer;
import io.cebridge.erp.reference.ReferenceErpInstaller;
import io.cebridge.store.Pools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Benchmark (not a test): the customer-master initial load of N accounts with `run --once` against the demo CRM, over
 * the REST API (query pages of 2,000, sObject Collections write-backs of 200) and over Bulk API 2.0 (a query job; the
 * write-backs kept in the store's outbox and sent through ingest jobs of bridge.crm.bulk-writeback-size), each without
 * and with the stand-in's realistic latency (every API call answered after 150 ms; Salesforce's rule of at most 25
 * calls of 20 s or longer at once, a call beyond refused with REQUEST_LIMIT_EXCEEDED). Prints wall time (stop
 * included: the last write-back job is sent at stop), records/s and the API calls the CRM counted (Sforce-Limit-Info
 * api-usage) by kind, and the calls it refused for the long-call limit. ce-bridge runs in a JVM of its own ({@link BulkLoadChild}, with -Xmx of the mode's ":HEAP" suffix, default
 * 2g) and reports its peak used heap, sampled every 50 ms; the demo CRM holding the N accounts stays in this JVM, so
 * ce-bridge and the CRM never share a JVM in any mode.
 * Run: mvn -Pbench verify -Dbench.class=io.cebridge.bench.BulkLoadBenchmark -Dbench.accounts=100000
 * -Dbench.batch=5000 -Dbench.heap=4g [-Dbench.crm=rest,bulk,rest-latency,bulk-latency[:512m]]
 */
public final class BulkLoadBenchmark {
    private static final Duration LATENCY = Duration.ofMillis(150);
    private static final int LONG_CALLS = 25;
    private static final String API = "/services/data/v60.0/";

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int batch = args.length > 1 && args[1].matches("\\d+") ? Integer.parseInt(args[1]) : 5000;
        List<String> modes = args.length > 3 && args[3].matches("[a-z0-9,:-]+") && !args[3].equals("in-process")
                ? List.of(args[3].split(",")) : List.of("rest", "bulk", "rest-latency", "bulk-latency");
        List<String> lines = new ArrayList<>();
        for (String mode : modes) {
            String[] m = mode.split(":");
            lines.add(run(n, batch, m[0].startsWith("bulk"), m[0].endsWith("latency"), m.length > 1 ? m[1] : "2g"));
            System.out.println(lines.get(lines.size() - 1));
        }
        System.out.println();
        System.out.printf("initial load of %,d accounts, delivery batch %d, H2 ERP and store, `run --once`:%n", n, batch);
        lines.forEach(System.out::println);
        System.out.printf("machine: %d cores, Java %s, load average %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), Files.readString(Path.of("/proc/loadavg")).strip());
        System.exit(0);
    }

    private static String run(int n, int batch, boolean bulk, boolean latency, String heap) throws Exception {
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
            // REST: never bulk; Bulk: the query (n records) goes through a job, and so the write-backs through the outbox
            o.put("bridge.crm.bulk-threshold", bulk ? "10000" : Integer.toString(Integer.MAX_VALUE));
            o.put("bridge.crm.api-reserve", "0");
            BulkLoadChild.Result r = BulkLoadChild.launch(heap, o);
            long written = accounts.all().stream().filter(a -> a.get("ERP_Customer_No__c") != null).count();
            long query = crm.requestCount(API + "query");
            long bulkQuery = crm.requestCount(API + "jobs/query");
            long collections = crm.requestCount(API + "composite/sobjects");
            long ingest = crm.requestCount(API + "jobs/ingest");
            long jobs = crm.bulkIngestJobs();
            long calls = crm.apiCalls();
            return String.format("%-4s %-16s %,9d delivered, %,9d written back in %7.1f s wall (%,.0f records/s),"
                            + " %,6d API calls: %d query"
                            + " pages, %d bulk query, %d collections, %d bulk ingest in %d jobs (%s per job), %d other;"
                            + " %d refused (long calls); ce-bridge -Xmx%s, peak used heap %,d MB%s",
                    bulk ? "Bulk" : "REST", latency ? "150 ms, 25 long" : "no latency", r.delivered(), written,
                    r.seconds(), r.seconds() > 0 ? r.delivered() / r.seconds() : 0.0, calls, query, bulkQuery, collections, ingest, jobs,
                    jobs == 0 ? "-" : String.format("%.1f", ingest / (double) jobs),
                    calls - query - bulkQuery - collections - ingest, crm.longCallRefusals(), heap, r.peakHeapMb(),
                    r.failure() == null ? "" : " FAILED: " + r.failure());
        }
    }
}
