package io.cebridge.cli;

import com.zaxxer.hikari.HikariDataSource;
import io.cebridge.config.BridgeConfig;
import io.cebridge.config.BridgeKeys;
import io.cebridge.replay.CaseRecorder;
import io.cebridge.runtime.BridgeRuntime;
import io.cebridge.runtime.ConnectorOverrides;
import io.cebridge.runtime.OnceRunner;
import io.cebridge.store.Pools;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `record`: runs the flows as `run` does and writes every delivered or dead-lettered record as a replayable case. */
@Command(name = "record", mixinStandardHelpOptions = true,
        description = "Run the flows and record each delivered or dead-lettered record as a case for `replay`.")
public final class RecordCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;
    @Option(names = "--flow", defaultValue = "customer-master", description = "Flow to record (default: ${DEFAULT-VALUE}).")
    String flow;
    @Option(names = "--out", defaultValue = "recordings", description = "Where cases go (default: ${DEFAULT-VALUE}).")
    Path out;
    @Option(names = "--mask-pii", description = "Mask phone numbers and e-mail addresses consistently.")
    boolean maskPii;
    @Option(names = "--once", description = "Record one poll cycle and exit.")
    boolean once;

    @Override
    public Integer call() throws Exception {
        BridgeConfig cfg = config.loadOrReport(Map.of());
        if (cfg == null) {
            return ConfigOptions.BAD_CONFIG;
        }
        java.util.Optional<io.cebridge.config.ErpTarget> target = io.cebridge.config.ErpTarget.of(cfg.catalog(), flow);
        if (target.isEmpty()) {
            System.err.println("record: '" + flow + "' is not a CRM -> ERP flow of the route files; those are "
                    + cfg.catalog().flows().stream().filter(f -> io.cebridge.config.ErpTarget.of(f).isPresent())
                    .map(io.cebridge.config.FlowCatalog.Flow::name).toList());
            return 2;
        }
        try (HikariDataSource erp = Pools.open("record-erp", cfg.get(BridgeKeys.ERP_URL), cfg.get(BridgeKeys.ERP_USER),
                cfg.secret(BridgeKeys.ERP_PASSWORD), 2)) {
            CaseRecorder recorder = new CaseRecorder(out, erp, maskPii, target.get());
            BridgeRuntime runtime = new BridgeRuntime(cfg, once, new ConnectorOverrides(null, null, recorder, recorder));
            try {
                runtime.start();
                if (!once) {
                    runtime.awaitShutdown();
                    return 0;
                }
                Optional<String> failure = new OnceRunner(runtime, Duration.ofMinutes(60)).await();
                System.out.println(runtime.stats().summaryLine(flow));
                System.out.println(recorder.cases() + " case(s) recorded under " + out.toAbsolutePath());
                if (failure.isPresent()) {
                    System.err.println("record --once failed: " + failure.get());
                    return 1;
                }
                return 0;
            } finally {
                runtime.close();
            }
        }
    }
}
