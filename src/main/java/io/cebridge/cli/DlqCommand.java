package io.cebridge.cli;

import io.cebridge.config.BridgeConfig;
import io.cebridge.error.PiiMask;
import io.cebridge.json.Json;
import io.cebridge.store.DeadLetter;
import io.cebridge.store.StateStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `dlq list` and `dlq retry`: browse dead letters and send them through their flow again. */
@Command(name = "dlq", mixinStandardHelpOptions = true, description = "Browse and retry dead letters.",
        subcommands = {DlqCommand.ListCommand.class, DlqCommand.RetryCommand.class})
public final class DlqCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    static StateStore open(BridgeConfig cfg) {
        return StateStore.open(cfg, 3);
    }

    /** `dlq list`. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List open dead letters.")
    static final class ListCommand implements Callable<Integer> {
        @Mixin
        ConfigOptions config;
        @Option(names = "--flow", description = "Only this flow.")
        String flow;
        @Option(names = "--json", description = "One JSON object per line.")
        boolean json;
        @Option(names = "--all", description = "Include resolved letters.")
        boolean all;
        @Option(names = "--show-pii", description = "Show the identifiers (USCC, phone, e-mail) a reason quotes"
                + " unmasked, from the record the letter holds.")
        boolean showPii;

        @Override
        public Integer call() throws Exception {
            BridgeConfig cfg = config.loadOrReport(Map.of());
            if (cfg == null) {
                return ConfigOptions.BAD_CONFIG;
            }
            try (StateStore store = open(cfg)) {
                List<DeadLetter> letters = store.deadLetters().list(flow, all);
                for (DeadLetter d : letters) {
                    // letters stored before reasons were masked at write are masked here too
                    String reason = showPii ? PiiMask.reveal(d.reason(), d.payload()) : PiiMask.reason(d.reason(), d.payload());
                    if (json) {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("id", d.id());
                        m.put("flow", d.flow());
                        m.put("stage", d.stage());
                        m.put("sourceId", d.sourceId());
                        m.put("sourceVersion", d.sourceVersion());
                        m.put("reasonCode", d.reasonCode());
                        m.put("reason", reason);
                        m.put("firstFailedAt", d.firstFailedAt().toString());
                        m.put("lastFailedAt", d.lastFailedAt().toString());
                        m.put("attempts", d.attempts());
                        m.put("status", d.status());
                        System.out.println(Json.write(m));
                    } else {
                        System.out.printf("%-5d %-16s %-14s %-20s %-28s %s%n", d.id(), d.flow(), d.stage(), d.sourceId(),
                                d.reasonCode(), reason);
                    }
                }
                if (!json) {
                    System.out.println(letters.size() + " dead letter(s)");
                }
            }
            return 0;
        }
    }

    /** `dlq retry`. */
    @Command(name = "retry", mixinStandardHelpOptions = true,
            description = "Mark dead letters for re-processing; the running flow (or the next run) sends them again.")
    static final class RetryCommand implements Callable<Integer> {
        @Mixin
        ConfigOptions config;
        @ArgGroup(exclusive = true, multiplicity = "1")
        Target target;
        @Option(names = "--flow", description = "Only this flow (with --all).")
        String flow;

        static final class Target {
            @Parameters(paramLabel = "ID", description = "Dead letter id (see dlq list).")
            Long id;
            @Option(names = "--all", description = "Every open dead letter.")
            boolean all;
        }

        @Override
        public Integer call() throws Exception {
            BridgeConfig cfg = config.loadOrReport(Map.of());
            if (cfg == null) {
                return ConfigOptions.BAD_CONFIG;
            }
            try (StateStore store = open(cfg)) {
                int n = store.deadLetters().requestRetry(target.all ? null : target.id, flow);
                System.out.println(n + " dead letter(s) marked for retry");
                return n == 0 && !target.all ? 1 : 0;
            }
        }
    }
}
