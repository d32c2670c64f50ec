package io.cebridge.cli;

import io.cebridge.config.BridgeConfig;
import io.cebridge.json.Json;
import io.cebridge.runtime.DeliveryLag;
import io.cebridge.runtime.FlowStatusReport;
import io.cebridge.store.FlowStatusQuery;
import io.cebridge.store.StateStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * `status`: one line per flow, like `camel get`: the flows and states of the instance that runs (as it writes them to
 * the state store), else of this configuration; positions, outcomes and letters from the store, lag from Kafka.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show every flow: state, last poll, watermarks, delivery lag, records by outcome, open dead"
                + " letters. While ce-bridge runs, the flows and states of the running instance; else this"
                + " configuration's.")
public final class StatusCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;
    @Option(names = "--json", description = "One JSON object per flow, one per line.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        BridgeConfig cfg = config.loadOrReport(Map.of());
        if (cfg == null) {
            return ConfigOptions.BAD_CONFIG;
        }
        FlowStatusReport.Shown shown;
        try (StateStore store = StateStore.open(cfg, 2); DeliveryLag lag = FlowStatusReport.lagFor(cfg)) {
            shown = FlowStatusReport.buildShown(cfg, store, lag);
        }
        List<FlowStatusReport.Row> rows = shown.rows();
        if (json) {
            for (FlowStatusReport.Row r : rows) {
                Map<String, Object> m = r.toMap();
                m.put("shownFrom", shown.instances().isEmpty() ? "configuration" : "instance");
                m.put("instances", shown.instances());
                System.out.println(Json.write(m));
            }
            return 0;
        }
        Instant now = Instant.now();
        System.out.println("flows of the " + shown.source());
        System.out.printf("%-24s %-9s %-10s %-40s %6s %-36s %-14s %s%n", "FLOW", "STATE", "LAST POLL", "WATERMARK",
                "LAG", "RECORDS", "DEAD LETTERS", "OUTBOX");
        for (FlowStatusReport.Row r : rows) {
            System.out.printf("%-24s %-9s %-10s %-40s %6s %-36s %-14s %s%n", r.flow(), r.state(), ago(r.lastPoll(), now),
                    watermark(r.watermarks()), r.lag() == null ? "-" : r.lag().toString(), counts(r.outcomes()),
                    r.openDeadLetters() == 0 ? "0" : r.openDeadLetters() + " (" + counts(r.deadLetters()) + ")",
                    outbox(r.outbox(), now));
        }
        return 0;
    }

    /** Write-backs waiting for a Bulk API 2.0 job, with the oldest one's age ("-" when none waits). */
    private static String outbox(io.cebridge.store.FlowStatusQuery.Outbox o, Instant now) {
        return o.entries() == 0 ? "-" : o.entries() + " (oldest " + ago(o.oldest(), now) + ")";
    }

    private static String ago(Instant t, Instant now) {
        if (t == null) {
            return "never";
        }
        long s = Math.max(0, Duration.between(t, now).toSeconds());
        return s < 120 ? s + "s ago" : s < 7200 ? s / 60 + "m ago" : s / 3600 + "h ago";
    }

    /** The newest position; a flow reading several tables shows how many more there are. */
    private static String watermark(List<FlowStatusQuery.Position> marks) {
        if (marks.isEmpty()) {
            return "-";
        }
        FlowStatusQuery.Position newest = marks.stream().max((a, b) -> a.stamp().compareTo(b.stamp())).orElseThrow();
        return newest.stamp() + (marks.size() > 1 ? " (+" + (marks.size() - 1) + " tables)" : "");
    }

    private static String counts(Map<String, Long> byKey) {
        return byKey.isEmpty() ? "-" : byKey.entrySet().stream().map(e -> e.getKey().toLowerCase(java.util.Locale.ROOT)
                + "=" + e.getValue()).collect(Collectors.joining(" "));
    }
}
