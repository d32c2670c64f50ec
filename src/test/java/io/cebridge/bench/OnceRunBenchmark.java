package io.cebridge.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.cebridge.config.Secret;
import io.cebridge.demo.DemoAccountStore;
import io.cebridge.demo.DemoSalesforceServer;
import io.cebridge.erp.reference.ReferenceErpInstaller;
import io.cebridge.store.Pools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark (not a test): what a small `run --once` costs. Launches the built jar as a child process,
 * {@code java -jar target/ce-bridge.jar run --once}, against a fake Salesforce of N accounts (default 2,000) and a fresh
 * H2 reference ERP, three times (the first one cold), and prints its wall time split into phases read from the log
 * lines' timestamps, its CPU time and the machine's load average (the machine is shared). With
 * target/ce-bridge.jsa (built by {@code mvn -Pcds package}) each run is repeated with that class-data sharing
 * archive, C1 only and bin/jvm.options ({@code @bin/jvm.options -XX:SharedArchiveFile=target/ce-bridge.jsa
 * -XX:TieredStopAtLevel=1}, what bin/ce-bridge runs a --once run with). {@code -Dbench.compare=OTHER.jar} runs another build in turn with this one (so both meet the
 * same load), {@code -Dbench.only=archive|plain} one of the two settings, {@code -Dbench.log=LOGGER=LEVEL,...} logs more,
 * {@code -Dbench.jvm="OPTIONS"} adds JVM options to every run.
 * Run: mvn -Pbench verify -Dbench.class=io.cebridge.bench.OnceRunBenchmark -Dbench.accounts=2000
 */
public final class OnceRunBenchmark {
    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    private static final Pattern LINE = Pattern.compile("^(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}) .*");
    /** -Dbench.runs=N: runs per JVM setting (the first one cold). */
    private static final int RUNS = Integer.getInteger("bench.runs", 3);

    private OnceRunBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        // -Dbench.jar=PATH: another build of the jar (e.g. an earlier commit's), to compare
        Path jar = Path.of(System.getProperty("bench.jar", "target/ce-bridge.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: mvn package -DskipTests first");
        }
        Path dir = Files.createTempDirectory("ce-bridge-once-bench");
        // the consumer's group join is logged at INFO by Kafka's coordinator only; the rest as the jar logs it
        Path logback = dir.resolve("logback.xml");
        // -Dbench.log=LOGGER=LEVEL,...: more detail of one phase, e.g. org.apache.camel.component.kafka=DEBUG
        StringBuilder more = new StringBuilder();
        for (String l : System.getProperty("bench.log", "").split(",")) {
            if (l.contains("=")) {
                more.append("  <logger name=\"").append(l.split("=")[0].strip()).append("\" level=\"")
                        .append(l.split("=")[1].strip()).append("\"/>\n");
            }
        }
        Files.writeString(logback, """
                <configuration>
                  <include resource="logback.xml"/>
                  <logger name="org.apache.kafka.clients.consumer.internals.ConsumerCoordinator" level="INFO"/>
                """ + more + """
                </configuration>
                """);
        // -Dbench.compare=PATH: another build, run in turn with this one (run 1 of each, run 2 of each, ...), so both
        // meet the same load on a shared machine
        List<Path> jars = new ArrayList<>(List.of(jar));
        if (!System.getProperty("bench.compare", "").isBlank()) {
            jars.add(0, Path.of(System.getProperty("bench.compare")).toAbsolutePath());
        }
        Map<String, List<String>> settings = new LinkedHashMap<>();
        for (Path j : jars) {
            String name = jars.size() == 1 ? "" : j + ": ";
            settings.put(name + "java -jar", List.of(j.toString()));
            Path jsa = j.resolveSibling(j.getFileName().toString().replaceFirst("\\.jar$", ".jsa"));
            if (Files.isRegularFile(jsa) && Files.getLastModifiedTime(jsa).compareTo(Files.getLastModifiedTime(j)) < 0) {
                // the JVM would refuse it ("A jar file is not the one used while building the shared archive file")
                // and the runs would measure C1 only: `mvn -Pbench verify` packages the jar again, -Pcds,bench also
                // the archive after it
                System.out.println("(" + jsa + " is older than " + j + ", left out: run with -Pcds,bench)");
            } else if (Files.isRegularFile(jsa)) {
                // bin/ce-bridge's command for a --once run: its options file, the archive, C1 only
                settings.put(name + "java @bin/jvm.options -XX:SharedArchiveFile=" + jsa.getFileName()
                                + " -XX:TieredStopAtLevel=1 -jar",
                        List.of(j.toString(), "@" + Path.of("bin", "jvm.options").toAbsolutePath(),
                                "-XX:SharedArchiveFile=" + jsa, "-XX:TieredStopAtLevel=1"));
            } else {
                System.out.println("(no " + jsa + ": build it with mvn -Pcds package -DskipTests to measure with it too)");
            }
        }
        // -Dbench.only=archive / plain: only the runs with / without the archive
        String only = System.getProperty("bench.only", "");
        settings.keySet().removeIf(name -> only.equals("archive") && !name.contains("SharedArchiveFile")
                || only.equals("plain") && name.contains("SharedArchiveFile"));
        System.out.printf("run --once of %d accounts, fake Salesforce in the benchmark's JVM, fresh H2 reference ERP,"
                + " data dir and CRM per run; %d cores, Java %s%n", n, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        Map<String, List<double[]>> results = new LinkedHashMap<>();
        int k = 0;
        for (int i = 1; i <= RUNS; i++) {
            for (Map.Entry<String, List<String>> setting : settings.entrySet()) {
                System.out.println();
                System.out.println(setting.getKey() + " run --once, run " + i + (i == 1 ? " (cold)" : ""));
                Path runDir = Files.createDirectories(dir.resolve("run-" + (++k)));
                List<String> value = setting.getValue();
                double[] r = run(n, Path.of(value.get(0)), value.subList(1, value.size()), logback, runDir);
                results.computeIfAbsent(setting.getKey(), x -> new ArrayList<>()).add(r);
            }
        }
        System.out.println();
        System.out.println("minimum of " + RUNS + " runs (wall, CPU) and the runs' 1-minute load averages:");
        results.forEach((name, rs) -> System.out.printf("  %-90s %6.2f s wall, %5.1f s CPU, load %s%n", name,
                rs.stream().mapToDouble(r -> r[0]).min().orElse(0), rs.stream().mapToDouble(r -> r[1]).min().orElse(0),
                rs.stream().map(r -> String.format("%.1f", r[2])).toList()));
        System.exit(0);
    }

    /** One run: its wall time, CPU time (NaN if unknown) and the 1-minute load average before it, in s. */
    private static double[] run(int n, Path jar, List<String> jvm, Path logback, Path runDir) throws Exception {
        String erpUrl = "jdbc:h2:file:" + runDir.resolve("erp") + ";DB_CLOSE_ON_EXIT=FALSE";
        try (HikariDataSource ds = Pools.open("bench-setup", erpUrl, "", new Secret(""), 1)) {
            new ReferenceErpInstaller(ds).install(false);
        }
        DemoAccountStore accounts = DemoAccountStore.empty(Clock.systemUTC());
        Random rnd = new Random(42);
        for (int i = 0; i < n; i++) {
            accounts.create(InitialLoadBenchmark.account(i, rnd));
        }
        try (DemoSalesforceServer crm = new DemoSalesforceServer(accounts, "bench", "bench-secret")) {
            crm.start(0);
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(jvm);
            // -Dbench.jvm="OPTIONS": more JVM options for every run (e.g. -XX:+UseSerialGC)
            for (String o : System.getProperty("bench.jvm", "").trim().split("\\s+")) {
                if (!o.isEmpty()) {
                    cmd.add(o);
                }
            }
            cmd.add("-Dlogback.configurationFile=" + logback);
            Map<String, String> settings = BenchSettings.of(runDir.resolve("data"), crm.loginUrl(), erpUrl);
            // the jar's own routes and mappings, as a user running it has them
            settings.remove("bridge.routes-dir");
            settings.remove("bridge.mappings-dir");
            settings.forEach((key, value) -> cmd.add("-D" + key + "=" + value));
            cmd.addAll(List.of("-jar", jar.toString(), "run", "--once"));
            Path time = runDir.resolve("time.txt");
            boolean timed = Files.isExecutable(Path.of("/usr/bin/time"));
            if (timed) { // the child's CPU time, user + system
                cmd.addAll(0, List.of("/usr/bin/time", "-f", "%U %S", "-o", time.toString()));
            }
            Path err = runDir.resolve("stderr.log");
            Path out = runDir.resolve("stdout.log");
            String load = Files.readString(Path.of("/proc/loadavg")).trim();
            long launched = System.currentTimeMillis();
            Process p = new ProcessBuilder(cmd).directory(runDir.toFile()).redirectError(err.toFile())
                    .redirectOutput(out.toFile()).start();
            int rc = p.waitFor();
            long exited = System.currentTimeMillis();
            String cpu = timed ? cpu(Files.readString(time)) : "n/a";
            System.out.printf("  %.2f s wall, CPU %s, exit %d, load average before: %s%n",
                    (exited - launched) / 1000.0, cpu, rc, load);
            System.out.println("    " + Files.readString(out).strip());
            phases(Files.readAllLines(err, StandardCharsets.UTF_8), launched, exited).forEach((phase, ms) ->
                    System.out.printf("    %-62s %6.2f s%n", phase, ms / 1000.0));
            if (rc != 0) {
                System.out.println("    FAILED, log: " + err);
            }
            double cpuSeconds = cpu.startsWith("n/a") ? Double.NaN : Double.parseDouble(cpu.split(" ")[0]);
            return new double[] {(exited - launched) / 1000.0, cpuSeconds, Double.parseDouble(load.split(" ")[0])};
        }
    }

    private static String cpu(String userSys) {
        String[] f = userSys.strip().split("\\s+");
        if (f.length < 2) {
            return "n/a";
        }
        double user = Double.parseDouble(f[f.length - 2]);
        double sys = Double.parseDouble(f[f.length - 1]);
        return String.format(java.util.Locale.ROOT, "%.1f s (user %.1f, sys %.1f)", user + sys, user, sys);
    }

    /** Wall time between the log lines that mark each phase; a phase whose mark is missing is left out. */
    static Map<String, Long> phases(List<String> log, long launched, long exited) {
        Map<String, Long> marks = new LinkedHashMap<>();
        marks.put("launch", launched);
        mark(marks, log, "first log line (JVM start, configuration)", "");
        mark(marks, log, "configured systems answered (connection and CRM schema checks)", "configured systems answered");
        mark(marks, log, "embedded broker up", "Embedded Kafka broker listening");
        mark(marks, log, "state store up (migrations)", "state store served");
        mark(marks, log, "topics ready", "Kafka topics ready");
        mark(marks, log, "Camel context starting (ERP pool, routes loaded)", "(ce-bridge) is starting");
        mark(marks, log, "runtime started (routes, Kafka clients, steps)", "ce-bridge started:");
        mark(marks, log, "first CRM poll", "this instance is now polling");
        mark(marks, log, "delivery consumer joined its group", "Successfully joined group");
        mark(marks, log, "first batch delivered", "batch of");
        markLast(marks, log, "last batch delivered", "batch of");
        mark(marks, log, "settled (offsets committed, seen by run --once), Camel stopping", "is shutting down");
        mark(marks, log, "Camel stopped (consumer closed)", "(ce-bridge) shutdown in");
        markLast(marks, log, "stopped (pools, broker)", "Embedded Kafka broker on");
        marks.put("process exit", exited);
        // in the order they happened (the group join may come before or after the first poll)
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(marks.entrySet());
        sorted.sort(Map.Entry.comparingByValue());
        Map<String, Long> phases = new LinkedHashMap<>();
        for (int i = 1; i < sorted.size(); i++) {
            phases.put("-> " + sorted.get(i).getKey(), sorted.get(i).getValue() - sorted.get(i - 1).getValue());
        }
        phases.put("total", exited - launched);
        return phases;
    }

    private static void mark(Map<String, Long> marks, List<String> log, String name, String text) {
        for (String line : log) {
            Long t = time(line);
            if (t != null && line.contains(text)) {
                marks.put(name, t);
                return;
            }
        }
    }

    private static void markLast(Map<String, Long> marks, List<String> log, String name, String text) {
        for (int i = log.size() - 1; i >= 0; i--) {
            Long t = time(log.get(i));
            if (t != null && log.get(i).contains(text)) {
                marks.put(name, t);
                return;
            }
        }
    }

    private static Long time(String line) {
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            return null;
        }
        return LocalDateTime.parse(m.group(1), LOG_TIME).atZone(java.time.ZoneId.systemDefault()).toInstant()
                .toEpochMilli();
    }
}
