package io.cebridge.config;

import java.time.Duration;
import java.util.List;

/** The keys every ERP -> CRM flow has: bridge.flows.NAME.{enabled, poll-interval, lookback, batch-size}. */
public record ErpFlowKeys(String flow, ConfigKey<Boolean> enabled, ConfigKey<Duration> pollInterval,
                          ConfigKey<Duration> lookback, ConfigKey<Integer> batchSize) {

    static ErpFlowKeys of(String flow, String what, String pollDefault) {
        String p = "bridge.flows." + flow + ".";
        return new ErpFlowKeys(flow,
                ConfigKey.bool(p + "enabled", false, "Run the " + flow + " flow (" + what + ")."),
                ConfigKey.duration(p + "poll-interval", pollDefault, "How often the ERP tables of " + flow
                        + " are polled for changed rows."),
                ConfigKey.duration(p + "lookback", "1m", "How far before each table's watermark a poll reads again, for"
                        + " rows committed late with an earlier modification stamp; re-read rows already handed on name no"
                        + " document again, and documents whose content did not change are not written to the CRM again;"
                        + " once a watermark has stood longer than this and its window was read once more, only newer rows are read."),
                ConfigKey.integer(p + "batch-size", 200, 1, 5000, "Documents delivered to the CRM per Kafka batch."));
    }

    public List<ConfigKey<?>> all() {
        return List.of(enabled, pollInterval, lookback, batchSize);
    }
}
