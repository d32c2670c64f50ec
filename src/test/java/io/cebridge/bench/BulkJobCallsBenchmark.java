package io.cebridge.bench;

import io.cebridge.config.BridgeConfig;
import io.cebridge.connector.crm.salesforce.BulkIngestJob;
import io.cebridge.connector.crm.salesforce.BulkQueryJob;
import io.cebridge.connector.crm.salesforce.SalesforceClient;
import io.cebridge.demo.DemoAccountStore;
import io.cebridge.demo.DemoSalesforceServer;
import io.cebridge.runtime.BridgeRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;

/**
 * Benchmark (not a test): the API calls of the two Bulk API 2.0 parts of a large initial load, measured on their own
 * where the whole load takes too long on this machine: one query job reading N accounts set by set, then ingest jobs
 * of J records (bridge.crm.bulk-writeback-size) writing an ERP number to each, against the demo CRM. Prints the calls
 * of each part as the demo CRM counted them (Sforce-Limit-Info api-usage).
 * Run: mvn -Pbench verify -Dbench.class=io.cebridge.bench.BulkJobCallsBenchmark -Dbench.accounts=1000000
 * -Dbench.batch=250000 -Dbench.heap=6g   (bench.batch: the ingest job size)
 */
public final class BulkJobCallsBenchmark {
    private static final String API = "/services/data/v60.0/";

    private BulkJobCallsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        int jobSize = Integer.parseInt(args[1]);
        DemoAccountStore accounts = DemoAccountStore.empty(Clock.systemUTC());
        Random rnd = new Random(42);
        for (int i = 0; i < n; i++) {
            accounts.create(InitialLoadBenchmark.account(i, rnd));
        }
        try (DemoSalesforceServer crm = new DemoSalesforceServer(accounts, "bench", "bench-secret")) {
            crm.start(0);
            Map<String, String> o = new HashMap<>(BenchSettings.of(Files.createTempDirectory("ce-bridge-jobs"),
                    crm.loginUrl(), "jdbc:h2:mem:none"));
            o.put("bridge.crm.api-reserve", "0");
            SalesforceClient client = BridgeRuntime.crmClient(BridgeConfig.load(null, Map.of(), new Properties(), o),
                    Duration.ofMinutes(2));

            long start = System.nanoTime();
            BulkQueryJob q = new BulkQueryJob(client);
            String job = q.start("SELECT Id, Name, SystemModstamp FROM Account ORDER BY SystemModstamp ASC, Id ASC");
            List<String> ids = new ArrayList<>(n);
            String locator = null;
            do {
                BulkQueryJob.ResultSet set = q.results(job, "Account", locator);
                while (set.hasMore()) {
                    set.next(BulkQueryJob.MAX_RECORDS).forEach(r -> ids.add((String) r.get("Id")));
                }
                locator = set.nextLocator();
            } while (locator != null);
            long queryCalls = crm.apiCalls();
            System.out.printf("query job: %,d records in %.1f s, %d API calls (%d to jobs/query)%n", ids.size(),
                    (System.nanoTime() - start) / 1e9, queryCalls, crm.requestCount(API + "jobs/query"));

            long before = crm.apiCalls();
            for (int from = 0; from < ids.size(); from += jobSize) {
                List<Map<String, Object>> updates = new ArrayList<>();
                for (String id : ids.subList(from, Math.min(ids.size(), from + jobSize))) {
                    Map<String, Object> u = new LinkedHashMap<>();
                    u.put("Id", id);
                    u.put("ERP_Customer_No__c", "C" + id.substring(id.length() - 9));
                    updates.add(u);
                }
                long t = System.nanoTime();
                long callsBefore = crm.apiCalls();
                BulkIngestJob.Outcome out = client.upsertInBulk("Account", "Id", updates);
                System.out.printf("ingest job of %,d: %,d written, %d refused, %d unprocessed in %.1f s, %d API calls%n",
                        updates.size(), out.written().size(), out.refused().size(), out.unprocessed().size(),
                        (System.nanoTime() - t) / 1e9, crm.apiCalls() - callsBefore);
            }
            System.out.printf("%,d accounts: query job %d calls, %d ingest jobs of up to %,d: %d calls; total %d"
                            + " (plus the REST probe page and the describe a poll makes: 2)%n", n, queryCalls,
                    crm.bulkIngestJobs(), jobSize, crm.apiCalls() - before, crm.apiCalls());
            System.out.printf("machine: %d cores, load average %s%n", Runtime.getRuntime().availableProcessors(),
                    Files.readString(Path.of("/proc/loadavg")).strip());
        }
        System.exit(0);
    }
}
