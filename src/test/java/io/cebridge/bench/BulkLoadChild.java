package io.cebridge.bench;

import io.cebridge.config.BridgeConfig;
import io.cebridge.runtime.BridgeRuntime;
import io.cebridge.runtime.OnceRunner;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

/**
 * ce-bridge's `run --once` in a JVM of its own for {@link BulkLoadBenchmark}, so its heap limit and peak heap are its
 * own: settings as key=value arguments; prints {@code RESULT delivered seconds peakHeapMb failure} after the runtime
 * has stopped (the stop sends the outbox's last write-back job, so it is timed).
 */
public final class BulkLoadChild {
    /** What the child reports. */
    record Result(long delivered, double seconds, long peakHeapMb, String failure) {
    }

    private BulkLoadChild() {
    }

    /** Runs the child with {@code -Xmx heap} and these settings; waits for its result. */
    static Result launch(String heap, Map<String, String> settings) throws Exception {
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + heap, "-cp",
                System.getProperty("java.class.path"), BulkLoadChild.class.getName()));
        settings.forEach((k, v) -> cmd.add(k + "=" + v));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Result result = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("RESULT ")) {
                    String[] f = line.split(" ", 5);
                    result = new Result(Long.parseLong(f[1]), Double.parseDouble(f[2]), Long.parseLong(f[3]),
                            f[4].equals("-") ? null : f[4]);
                }
            }
        }
        int exit = p.waitFor();
        return result != null ? result : new Result(0, 0, 0, "the ce-bridge JVM ended with " + exit + " and no result");
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            o.put(a.substring(0, eq), a.substring(eq + 1));
        }
        AtomicLong peak = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (true) {
                peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(50); // a sampling period, not a wait for a condition
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        BridgeConfig cfg = BridgeConfig.load(null, Map.of(), new Properties(), o);
        long start = System.nanoTime();
        Optional<String> failure;
        long delivered;
        try (BridgeRuntime runtime = new BridgeRuntime(cfg, true)) {
            runtime.start();
            failure = new OnceRunner(runtime, Duration.ofHours(2)).await();
            delivered = runtime.stats().of("customer-master").delivered.get();
        } catch (OutOfMemoryError e) {
            failure = Optional.of("OutOfMemoryError: " + e.getMessage());
            delivered = 0;
        }
        double secs = (System.nanoTime() - start) / 1e9;
        System.out.printf("RESULT %d %.1f %d %s%n", delivered, secs, peak.get() / (1024 * 1024),
                failure.map(f -> f.replace('\n', ' ')).orElse("-"));
        System.out.flush();
        System.exit(0);
    }
}
