package io.cebridge.flow;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Per-flow record counters of this process, for the `run --once` summary line and the logs. */
public final class FlowStats {
    private final Map<String, Counters> flows = new ConcurrentHashMap<>();

    public Counters of(String flow) {
        return flows.computeIfAbsent(flow, f -> new Counters());
    }

    /** The flows counted so far (for the metrics registry). */
    public java.util.Set<String> flows() {
        return java.util.Set.copyOf(flows.keySet());
    }

    public String summaryLine(String flow) {
        Counters c = of(flow);
        return flow + ": read=" + c.read.get() + " delivered=" + c.delivered.get() + " unchanged=" + c.unchanged.get()
                + " dead-lettered=" + c.deadLettered.get() + " flagged=" + c.flagged.get()
                + (c.waiting.get() > 0 ? " waiting=" + c.waiting.get() : "");
    }

    /** Counters of one flow; "flagged" counts delivered records that carry a data-quality flag. */
    public static final class Counters {
        public final AtomicLong read = new AtomicLong();
        public final AtomicLong delivered = new AtomicLong();
        public final AtomicLong unchanged = new AtomicLong();
        public final AtomicLong deadLettered = new AtomicLong();
        public final AtomicLong flagged = new AtomicLong();
        /** Records parked until something they depend on exists (e.g. a document's customer link). */
        public final AtomicLong waiting = new AtomicLong();
        public final AtomicLong pollCycles = new AtomicLong();

        public long settled() {
            return delivered.get() + unchanged.get() + deadLettered.get() + waiting.get();
        }
    }
}
