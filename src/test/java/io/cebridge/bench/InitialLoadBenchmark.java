package io.cebridge.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.cebridge.cleanse.UsccValidator;
import io.cebridge.config.BridgeConfig;
import io.cebridge.config.Secret;
import io.cebridge.demo.DemoAccountStore;
import io.cebridge.demo.DemoSalesforceServer;
import io.cebridge.erp.reference.ReferenceErpInstaller;
import io.cebridge.runtime.BridgeRuntime;
import io.cebridge.flow.FlowStats;
import io.cebridge.runtime.OnceRunner;
import io.cebridge.store.Pools;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;

/**
 * Benchmark (not a test): initial load of N accounts from the fake Salesforce into the reference ERP on H2 with
 * the real `run --once` path (embedded Kafka, routes, mappings, cleansing), beside a raw JDBC batch MERGE of the same
 * rows into the same kind of database in the same run. Prints records/s and peak heap.
 * Run: mvn -Pbench verify -Dbench.accounts=200000 [-Dbench.target=postgresql] [-Dbench.metrics=on|off]
 */
public final class InitialLoadBenchmark {
    private static final String CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        String target = args.length > 2 ? args[2] : "h2";
        boolean separate = args.length > 3 && args[3].equals("separate");
        Path dir = Files.createTempDirectory("ce-bridge-bench");
        long t0 = System.nanoTime();
        FakeCrm crm = separate ? FakeCrm.process(n) : FakeCrm.inProcess(n);
        System.out.printf("fake CRM (%s): %d accounts generated in %.1f s%n", separate ? "own JVM" : "in this JVM", n,
                (System.nanoTime() - t0) / 1e9);

        resetPeaks();
        double bridgeRate;
        long heapAfterBridge;
        try (crm) {
            String erpUrl = erpUrl(target, dir, "bridge");
            install(erpUrl);
            Map<String, String> o = BenchSettings.of(dir.resolve("data"), crm.loginUrl(), erpUrl);
            o.put("bridge.erp.username", target.equals("postgresql") ? "postgres" : "");
            if (args.length > 1 && !args[1].isBlank() && !args[1].startsWith("$")) {
                o.put("bridge.flows.customer-master.batch-size", args[1]);
            }
            // -Dbench.metrics=on|off: the runtime keeps running as `run` does, with or without its HTTP server and
            // metrics (/observe), one poll cycle only, to compare their cost; absent: `run --once` (no metrics)
            String metrics = System.getProperty("bench.metrics", "once");
            boolean once = !metrics.equals("on") && !metrics.equals("off");
            if (!once) {
                o.put("bridge.http.enabled", Boolean.toString(metrics.equals("on")));
                o.put("bridge.http.port", "0");
                o.put("bridge.flows.customer-master.poll-interval", "1h");
                System.out.println("runtime kept running, metrics " + metrics);
            }
            BridgeConfig cfg = BridgeConfig.load(null, Map.of(), new Properties(), o);
            long start = System.nanoTime();
            long cpuStart = processCpuNanos();
            java.util.concurrent.ScheduledExecutorService scraper = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
            long[] deliveredAtEnd = new long[1];
            try (BridgeRuntime runtime = new BridgeRuntime(cfg, once)) {
                runtime.start();
                if (metrics.equals("on")) { // scraped as a Prometheus with a 5 s interval would
                    java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
                    java.net.URI uri = java.net.URI.create("http://127.0.0.1:" + runtime.httpPort() + "/observe/metrics");
                    scraper.scheduleAtFixedRate(() -> {
                        try {
                            client.send(java.net.http.HttpRequest.newBuilder(uri).build(),
                                    java.net.http.HttpResponse.BodyHandlers.discarding());
                        } catch (Exception e) {
                            System.out.println("scrape failed: " + e);
                        }
                    }, 5, 5, java.util.concurrent.TimeUnit.SECONDS);
                }
                // start-up (broker, routes, group join) weighs in the whole-run figure at small N: a second figure
                // counts from the moment a tenth of the records is delivered to the end
                long[] steady = new long[2];
                Map<String, Long> jvmAtTenth = new java.util.concurrent.ConcurrentHashMap<>();
                FlowStats.Counters live = runtime.stats().of("customer-master");
                // and a reading at each further tenth: whether the compilers' work fades (warm-up) or stays (a loop)
                List<Reading> tenths = new java.util.concurrent.CopyOnWriteArrayList<>();
                scraper.scheduleAtFixedRate(() -> {
                    if (tenths.size() < 9 && live.delivered.get() >= (tenths.size() + 1L) * n / 10) {
                        tenths.add(Reading.now(live.delivered.get()));
                    }
                    if (steady[0] == 0 && live.delivered.get() >= n / 10) {
                        steady[1] = live.delivered.get();
                        jvmAtTenth.putAll(jvmThreadTicks());
                        steady[0] = processCpuNanos();
                    }
                }, 50, 50, java.util.concurrent.TimeUnit.MILLISECONDS);
                Optional<String> failure = new OnceRunner(runtime, Duration.ofHours(1)).await();
                double secs = (System.nanoTime() - start) / 1e9;
                FlowStats.Counters c = runtime.stats().of("customer-master");
                System.out.println(runtime.stats().summaryLine("customer-master") + ", delivery-consumers "
                        + (BenchSettings.consumers().isEmpty() ? "default" : BenchSettings.consumers()));
                failure.ifPresent(f -> System.out.println("FAILED: " + f));
                bridgeRate = c.delivered.get() / secs;
                System.out.printf("ce-bridge %s: %d accounts in %.1f s = %.0f records/s (start-up, CRM paging,"
                        + " cleansing, Kafka, mapping, ERP upsert and write-back included)%n",
                        once ? "run --once" : "run, metrics " + metrics, c.delivered.get(), secs, bridgeRate);
                // CPU per record is steadier than records/s on a shared VM, so it is what to compare between changes
                System.out.printf("ce-bridge CPU: %.0f µs per record (this JVM: runtime, embedded broker%s%s, GC included)%n",
                        (processCpuNanos() - cpuStart) / 1e3 / Math.max(1, c.delivered.get()),
                        target.equals("postgresql") ? "" : ", H2 ERP and store", separate ? "" : ", the fake CRM");
                printThreadCpu(c.delivered.get());
                Map<String, Long> jvmAtEnd = jvmThreadTicks();
                long cpuAtEnd = processCpuNanos();
                printJvmThreadCpu(jvmAtEnd, Map.of(), c.delivered.get(), "whole run");
                if (steady[0] != 0 && c.delivered.get() > steady[1]) {
                    System.out.printf("ce-bridge CPU after the first tenth delivered (start-up excluded): %.0f µs per"
                            + " record%n", (cpuAtEnd - steady[0]) / 1e3 / (c.delivered.get() - steady[1]));
                    printJvmThreadCpu(jvmAtEnd, jvmAtTenth, c.delivered.get() - steady[1], "after the first tenth");
                }
                tenths.add(Reading.now(c.delivered.get()));
                printTenths(tenths);
                deliveredAtEnd[0] = c.delivered.get();
            } finally {
                scraper.shutdownNow();
            }
            // the figures above end when the run's records are delivered; a load smaller than
            // bridge.crm.bulk-writeback-size sends its write-backs in the job at stop, which the close runs
            System.out.printf("ce-bridge CPU with the stop (its write-back job, closing the runtime): %.0f µs per record%n",
                    (processCpuNanos() - cpuStart) / 1e3 / Math.max(1, deliveredAtEnd[0]));
            heapAfterBridge = peakHeap();
        }

        String rawUrl = erpUrl(target, dir, "raw");
        install(rawUrl);
        double rawRate = rawMerge(rawUrl, n, target);
        System.out.printf("raw JDBC batch %s of the same rows into %s: %.0f records/s%n",
                target.equals("postgresql") ? "INSERT ... ON CONFLICT" : "MERGE", target, rawRate);
        System.out.printf("ce-bridge / raw = %.2f%n", bridgeRate / rawRate);
        System.out.printf("peak heap during the ce-bridge run (%s): %d MB (max heap %d MB)%n",
                separate ? "ce-bridge alone, the fake CRM runs in its own JVM" : "incl. the in-process fake CRM holding "
                        + n + " accounts", heapAfterBridge / (1024 * 1024), Runtime.getRuntime().maxMemory() / (1024 * 1024));
        System.out.printf("machine: %d cores, %s %s, Java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"));
        dropDatabases(target);
        io.cebridge.runtime.FileTrees.deleteQuietly(dir); // its H2 databases: 650 MB for 200,000 accounts
        System.exit(0);
    }

    /**
     * CPU of the threads alive at the end, by thread name (numbers left out), per record: the work of each stage
     * (ingest poll thread, delivery consumer thread, broker, H2 writers) without what idle threads spend per second,
     * which on a busy shared machine (a slower run) weighs in the process figure.
     */
    private static void printThreadCpu(long records) {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> byName = new java.util.TreeMap<>();
        for (java.lang.management.ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            long cpu = t == null ? -1 : threads.getThreadCpuTime(t.getThreadId());
            if (cpu > 0) {
                byName.merge(t.getThreadName().replaceAll("[0-9]+", "#"), cpu, Long::sum);
            }
        }
        long total = byName.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf("threads alive at the end: %.0f µs per record in all; the largest:%n", total / 1e3 / Math.max(1, records));
        byName.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(12)
                .forEach(e -> System.out.printf("  %6.1f µs  %s%n", e.getValue() / 1e3 / Math.max(1, records), e.getKey()));
    }

    /**
     * CPU of the JVM's own threads (JIT compilers, garbage collector), which the thread bean does not list, from
     * /proc/self/task (Linux only; clock ticks, 10 ms), as the difference between two readings per record: the whole
     * run (from nothing) and after the first tenth (from the reading taken then). The benchmark printed the whole-run
     * figure only, start-up's compilations included, beside CPU after the first tenth: the two must not be added up.
     * A compiler thread that ends (the JVM adds and removes extra C1/C2 threads with the queue on larger machines) takes
     * its CPU out of the later reading, so a difference is clamped at zero; on 2 cores there is one of each, kept.
     */
    private static void printJvmThreadCpu(Map<String, Long> end, Map<String, Long> from, long records, String span) {
        end.forEach((kind, t) -> System.out.printf("  %6.1f µs  %s (JVM threads, %s)%n",
                Math.max(0, t - from.getOrDefault(kind, 0L)) * 10_000.0 / Math.max(1, records), kind, span));
    }

    /** The process's CPU and its JVM threads' ticks when so many records were delivered. */
    private record Reading(long delivered, long nanos, long cpuNanos, Map<String, Long> jvmTicks) {
        static Reading now(long delivered) {
            return new Reading(delivered, System.nanoTime(), processCpuNanos(), jvmThreadTicks());
        }
    }

    /** CPU per record between one tenth and the next (the last row: the last reading to the end). */
    private static void printTenths(List<Reading> readings) {
        System.out.println("by tenth delivered (µs per record of the stretch; JVM threads from /proc, 10 ms ticks):");
        System.out.println("  from -> to records   wall s  process     JIT  (C1 / C2)      GC");
        for (int i = 1; i < readings.size(); i++) {
            Reading a = readings.get(i - 1);
            Reading b = readings.get(i);
            long records = Math.max(1, b.delivered() - a.delivered());
            java.util.function.ToDoubleFunction<String> perRecord = kind -> Math.max(0,
                    b.jvmTicks().getOrDefault(kind, 0L) - a.jvmTicks().getOrDefault(kind, 0L)) * 10_000.0 / records;
            System.out.printf("  %7d -> %7d  %7.1f  %7.0f  %6.0f  (%3.0f / %3.0f)  %6.0f%n", a.delivered(), b.delivered(),
                    (b.nanos() - a.nanos()) / 1e9, (b.cpuNanos() - a.cpuNanos()) / 1e3 / records,
                    perRecord.applyAsDouble("JIT compilers"), perRecord.applyAsDouble("JIT compilers, C1"),
                    perRecord.applyAsDouble("JIT compilers, C2"), perRecord.applyAsDouble("garbage collector"));
        }
    }

    /** Clock ticks used so far by the JVM's compiler and GC threads, by kind; empty off Linux. */
    private static Map<String, Long> jvmThreadTicks() {
        Path tasks = Path.of("/proc/self/task");
        Map<String, Long> ticks = new java.util.TreeMap<>();
        if (!Files.isDirectory(tasks)) {
            return ticks;
        }
        try (java.util.stream.Stream<Path> all = Files.list(tasks)) {
            for (Path t : all.toList()) {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long used = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
                    String kind = name.startsWith("C1 Compiler") ? "JIT compilers, C1"
                            : name.startsWith("C2 Compiler") ? "JIT compilers, C2"
                            : name.startsWith("GC Thread") || name.startsWith("G1 ") ? "garbage collector" : null;
                    if (kind != null) {
                        ticks.merge(kind, used, Long::sum);
                        if (kind.startsWith("JIT")) {
                            ticks.merge("JIT compilers", used, Long::sum);
                        }
                    }
                } catch (java.io.IOException | RuntimeException gone) {
                    // a thread that ended while listed
                }
            }
        } catch (java.io.IOException e) {
            return ticks;
        }
        return ticks;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static Map<String, Object> account(int i, Random rnd) {
        StringBuilder code = new StringBuilder("91").append(String.format("%06d", 110000 + rnd.nextInt(500000)));
        for (int k = 0; k < 9; k++) {
            code.append(CHARSET.charAt(rnd.nextInt(CHARSET.length())));
        }
        code.append(UsccValidator.expectedCheckChar(code.toString()));
        Map<String, Object> a = new HashMap<>();
        a.put("Name", "基准测试客户 " + i + " 有限公司");
        a.put("USCC__c", code.toString());
        a.put("Phone", "138" + String.format("%08d", rnd.nextInt(100_000_000)));
        a.put("BillingStreet", "科技园路 " + (i % 999 + 1) + " 号");
        a.put("BillingCity", "深圳市");
        a.put("BillingState", "广东省");
        a.put("BillingPostalCode", "518000");
        a.put("BillingCountry", "中国");
        a.put("CurrencyIsoCode", "CNY");
        return a;
    }

    /** A fresh ERP database: an H2 file, or a new database on the local PostgreSQL. */
    private static String erpUrl(String target, Path dir, String name) throws Exception {
        if (!target.equals("postgresql")) {
            return "jdbc:h2:file:" + dir.resolve("erp-" + name) + ";DB_CLOSE_ON_EXIT=FALSE";
        }
        String db = "cebridge_bench_" + name + "_" + ProcessHandle.current().pid();
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
             java.sql.Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + db);
            s.execute("CREATE DATABASE " + db);
        }
        return "jdbc:postgresql://127.0.0.1:5432/" + db;
    }

    /** The benchmark's PostgreSQL databases hold a million rows each: they go when it ends. */
    private static void dropDatabases(String target) throws Exception {
        if (!target.equals("postgresql")) {
            return;
        }
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
             java.sql.Statement s = c.createStatement()) {
            for (String name : List.of("bridge", "raw")) {
                s.execute("DROP DATABASE IF EXISTS cebridge_bench_" + name + "_" + ProcessHandle.current().pid()
                        + " WITH (FORCE)");
            }
        }
    }

    private static void install(String url) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                installOnce(url);
                return;
            } catch (java.sql.SQLTransientConnectionException e) {
                if (attempt == 3) {
                    throw e;
                }
                // on a shared machine at a load of 20+ the first H2 connection can take longer than the pool waits
                System.out.println("setting up the ERP database: " + e.getMessage() + "; trying again");
            }
        }
    }

    private static void installOnce(String url) throws Exception {
        try (HikariDataSource ds = Pools.open("bench-setup", url, url.contains("postgresql") ? "postgres" : "",
                new Secret(""), 2)) {
            new ReferenceErpInstaller(ds).install(false);
        }
    }

    /**
     * The same rows as the flow writes (already clean), generated again one at a time (so the raw phase holds none of
     * them at once), straight into erp_customer with JDBC batch MERGE.
     */
    private static double rawMerge(String url, int n, String target) throws Exception {
        Random rnd = new Random(42);
        String cols = "crm_account_id, name, uscc, phone, currency, street, city, province, postal_code, country_code,"
                + " updated_at";
        String values = "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP)";
        String sql = target.equals("postgresql")
                ? "INSERT INTO erp_customer (" + cols + ") " + values + " ON CONFLICT (crm_account_id) DO UPDATE SET"
                        + " name = EXCLUDED.name, uscc = EXCLUDED.uscc, phone = EXCLUDED.phone, currency = EXCLUDED.currency,"
                        + " street = EXCLUDED.street, city = EXCLUDED.city, province = EXCLUDED.province,"
                        + " postal_code = EXCLUDED.postal_code, country_code = EXCLUDED.country_code,"
                        + " updated_at = EXCLUDED.updated_at"
                : "MERGE INTO erp_customer (" + cols + ") KEY (crm_account_id) " + values;
        long start = System.nanoTime();
        try (HikariDataSource ds = Pools.open("bench-raw", url, target.equals("postgresql") ? "postgres" : "",
                new Secret(""), 2); Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int inBatch = 0;
                for (int i = 0; i < n; i++) {
                    Map<String, Object> r = account(i, rnd);
                    ps.setString(1, DemoAccountStore.idOf(i + 1));
                    ps.setString(2, (String) r.get("Name"));
                    ps.setString(3, (String) r.get("USCC__c"));
                    ps.setString(4, "+86" + r.get("Phone"));
                    ps.setString(5, (String) r.get("CurrencyIsoCode"));
                    ps.setString(6, (String) r.get("BillingStreet"));
                    ps.setString(7, (String) r.get("BillingCity"));
                    ps.setString(8, (String) r.get("BillingState"));
                    ps.setString(9, (String) r.get("BillingPostalCode"));
                    ps.setString(10, "CN");
                    ps.addBatch();
                    if (++inBatch == 500) {
                        ps.executeBatch();
                        c.commit();
                        inBatch = 0;
                    }
                }
                ps.executeBatch();
                c.commit();
            }
        }
        return n / ((System.nanoTime() - start) / 1e9);
    }

    /** The fake Salesforce: in this JVM, or in a JVM of its own so the heap figure is ce-bridge's alone. */
    private interface FakeCrm extends AutoCloseable {
        String loginUrl();

        @Override
        void close() throws Exception;

        static FakeCrm inProcess(int n) {
            DemoAccountStore accounts = DemoAccountStore.empty(Clock.systemUTC());
            Random rnd = new Random(42);
            for (int i = 0; i < n; i++) {
                accounts.create(account(i, rnd));
            }
            DemoSalesforceServer server = new DemoSalesforceServer(accounts, "bench", "bench-secret");
            server.start(0);
            return new FakeCrm() {
                public String loginUrl() {
                    return server.loginUrl();
                }

                public void close() {
                    server.close();
                }
            };
        }

        static FakeCrm process(int n) throws Exception {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx6g",
                    "-cp", System.getProperty("java.class.path"), FakeCrmProcess.class.getName(), Integer.toString(n))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream()));
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("LOGIN_URL=")) {
                // the child's log lines before it is ready
            }
            if (line == null) {
                throw new IllegalStateException("the fake CRM process ended before it was ready");
            }
            String url = line.substring("LOGIN_URL=".length());
            Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "fake-crm-output"); // a full pipe would block it
            drain.setDaemon(true);
            drain.start();
            return new FakeCrm() {
                public String loginUrl() {
                    return url;
                }

                public void close() throws Exception {
                    p.getOutputStream().close();
                    p.waitFor();
                }
            };
        }
    }

    private static final java.util.concurrent.atomic.AtomicLong PEAK = new java.util.concurrent.atomic.AtomicLong();

    /**
     * Samples the used heap every 50 ms from here on. (Adding up the memory pools' own peaks overstates it: eden and
     * old generation peak at different moments.)
     */
    private static void resetPeaks() {
        System.gc();
        PEAK.set(0);
        Thread sampler = new Thread(() -> {
            while (true) {
                PEAK.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(50); // a sampling period, not a wait for a condition
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private static long peakHeap() {
        return PEAK.get();
    }
}
