package io.cebridge.observe;

import io.cebridge.flow.FlowStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * ce_bridge_records_total{flow,outcome}: the counters the `run --once` summary prints ({@link FlowStats}), read by
 * the registry at each scrape, so the flows count exactly as before and nothing is counted twice.
 */
final class FlowRecordMeters {
    static final String NAME = "ce.bridge.records";
    /** Outcome label -> its counter, in the order of the summary line. */
    static final Map<String, Function<FlowStats.Counters, AtomicLong>> OUTCOMES = outcomes();
    private final MeterRegistry registry;
    private final FlowStats stats;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();

    FlowRecordMeters(MeterRegistry registry, FlowStats stats) {
        this.registry = registry;
        this.stats = stats;
    }

    /** Registers the counters of a flow once (a flow counts from 0 before its first record). */
    void register(String flow) {
        if (!registered.add(flow)) {
            return;
        }
        FlowStats.Counters counters = stats.of(flow);
        OUTCOMES.forEach((outcome, counter) -> FunctionCounter.builder(NAME, counters, c -> counter.apply(c).get())
                .description("Records of a flow by outcome since this process started (the `run --once` summary)")
                .tags("flow", flow, "outcome", outcome)
                .register(registry));
    }

    private static Map<String, Function<FlowStats.Counters, AtomicLong>> outcomes() {
        Map<String, Function<FlowStats.Counters, AtomicLong>> m = new LinkedHashMap<>();
        m.put("read", c -> c.read);
        m.put("delivered", c -> c.delivered);
        m.put("unchanged", c -> c.unchanged);
        m.put("dead_lettered", c -> c.deadLettered);
        m.put("waiting", c -> c.waiting);
        m.put("flagged", c -> c.flagged);
        return java.util.Collections.unmodifiableMap(m);
    }
}
