package io.cebridge.cli;

import io.cebridge.config.BridgeConfig;
import io.cebridge.config.ConfigException;
import io.cebridge.runtime.BridgeRuntime;
import io.cebridge.runtime.OnceRunner;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `run`: runs the enabled flows until stopped, or one full cycle with --once. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run the enabled flows.")
public final class RunCommand implements Callable<Integer> {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RunCommand.class);
    @Mixin
    ConfigOptions config;

    @Option(names = "--once", description = "Poll every enabled flow once, wait until everything read is delivered or"
            + " dead-lettered, print one summary line per flow and exit.")
    boolean once;

    @Option(names = "--once-timeout", defaultValue = "60m", hidden = true)
    String onceTimeout;

    @Override
    public Integer call() throws Exception {
        BridgeConfig cfg = config.loadOrReport(Map.of());
        if (cfg == null) {
            return ConfigOptions.BAD_CONFIG;
        }
        return runWith(cfg, once, Duration.parse("PT" + onceTimeout.toUpperCase()));
    }

    /**
     * Shared by `run` and `demo`: every configured system is tried once before anything that uses it starts; the
     * embedded broker and state store need none of them, so they start meanwhile (and stop again if a check fails).
     */
    static int runWith(BridgeConfig cfg, boolean once, Duration onceTimeout) throws Exception {
        return runWith(cfg, once, onceTimeout, runtime -> Optional.empty());
    }

    /** What a caller does once a --once cycle settled, before the summary: empty, or why the run failed. */
    interface AfterCycle {
        Optional<String> settle(BridgeRuntime runtime) throws Exception;
    }

    static int runWith(BridgeConfig cfg, boolean once, Duration onceTimeout, AfterCycle afterCycle) throws Exception {
        BridgeRuntime runtime = new BridgeRuntime(cfg, once);
        try {
            runtime.startLocalInBackground();
        } catch (RuntimeException e) { // the data directory cannot be made owner-only, say
            runtime.close();
            return StartFailure.report(e);
        }
        java.util.List<ConnectionCheck.Problem> problems;
        long checking = System.nanoTime();
        try {
            problems = ConnectionCheck.check(cfg);
            if (problems.isEmpty()) {
                // what the mappings write is checked per document as it is written; here what the routes read and
                // write back
                problems = CrmSchemaCheck.against(cfg, BridgeRuntime.mappingsDir(cfg), null, note -> { });
            }
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
        if (!problems.isEmpty()) {
            runtime.close();
            return StartFailure.report(problems);
        }
        LOG.info("configured systems answered in {} ms", (System.nanoTime() - checking) / 1_000_000);
        try {
            runtime.start();
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            runtime.close();
            return ConfigOptions.BAD_CONFIG;
        } catch (Exception e) {
            runtime.close();
            return StartFailure.report(e);
        }
        if (!once) {
            runtime.awaitShutdown();
            return 0;
        }
        try {
            Optional<String> failure = new OnceRunner(runtime, onceTimeout).await();
            if (failure.isEmpty()) {
                failure = afterCycle.settle(runtime);
            }
            runtime.flows().forEach(f -> System.out.println(runtime.stats().summaryLine(f)));
            if (failure.isPresent()) {
                System.err.println("run --once failed: " + failure.get());
                return 1;
            }
            return 0;
        } finally {
            runtime.close();
        }
    }
}
