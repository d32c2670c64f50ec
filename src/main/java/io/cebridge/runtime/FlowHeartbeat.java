package io.cebridge.runtime;

import io.cebridge.error.Redactor;
import io.cebridge.flow.FlowStats;
import io.cebridge.store.Watermark;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An idle flow says so: when a flow has read nothing new for an interval (bridge.heartbeat-interval), one INFO line
 * every interval
 * ({@code customer-master: idle, last poll 12:00:01, 10 polls, nothing new for 5 min, watermark ...}), so an operator
 * reading the log of a quiet night tells "nothing changed" from "the runtime hung".
 */
final class FlowHeartbeat extends RouteBuilder {
    static final String ROUTE_ID = "ce-bridge-heartbeat";
    /** How often the counters are looked at (at most): the "last poll" time is exact to this. */
    static final Duration TICK = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(FlowHeartbeat.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    /** A flow's watermark as the store holds it (empty for a flow whose watermarks are per ERP table). */
    interface Watermarks {
        Optional<Watermark> get(String flow) throws Exception;
    }

    private final FlowStats stats;
    private final List<String> flows;
    private final Watermarks watermarks;
    private final Clock clock;
    private final Duration interval;
    private final Map<String, Seen> seen = new HashMap<>();

    FlowHeartbeat(FlowStats stats, List<String> flows, Watermarks watermarks, Clock clock, Duration interval) {
        this.interval = interval;
        this.stats = stats;
        this.flows = List.copyOf(flows);
        this.watermarks = watermarks;
        this.clock = clock;
    }

    @Override
    public void configure() {
        long period = Math.max(1, Math.min(TICK.toMillis(), interval.toMillis()));
        from("timer:" + ROUTE_ID + "?period=" + period).routeId(ROUTE_ID).process(exchange -> check());
    }

    /** Looks at every flow's counters once; logs the flows idle for an interval since their last line. */
    synchronized void check() {
        Instant now = clock.instant();
        for (String flow : flows) {
            FlowStats.Counters c = stats.of(flow);
            Seen s = seen.computeIfAbsent(flow, f -> new Seen(now, c.read.get(), c.pollCycles.get()));
            long polls = c.pollCycles.get();
            if (polls != s.polls) {
                s.lastPoll = now;
                s.pollsSinceNew += polls - s.polls;
                s.polls = polls;
            }
            long read = c.read.get();
            if (read != s.read) {
                s.read = read;
                s.lastNew = now;
                s.lastLine = now;
                s.pollsSinceNew = 0;
                continue;
            }
            if (Duration.between(s.lastLine, now).compareTo(interval) >= 0) {
                s.lastLine = now;
                LOG.info("{}: idle, last poll {}, {} poll(s) and nothing new for {} min, watermark {}", flow,
                        s.lastPoll == null ? "not seen" : LocalTime.ofInstant(s.lastPoll, clock.getZone()).format(TIME),
                        s.pollsSinceNew, Duration.between(s.lastNew, now).truncatedTo(ChronoUnit.MINUTES).toMinutes(),
                        watermark(flow));
            }
        }
    }

    private String watermark(String flow) {
        try {
            return watermarks.get(flow).map(w -> w.stamp() + (w.tieId() == null ? "" : " / " + w.tieId()))
                    .orElse("per ERP table");
        } catch (Exception e) {
            return "not readable now (" + Redactor.forLog(String.valueOf(e.getMessage())) + ")";
        }
    }

    static FlowHeartbeat of(FlowStats stats, List<String> flows, io.cebridge.store.StateStore store, Duration interval) {
        return new FlowHeartbeat(stats, flows, store.watermarks()::get, Clock.system(ZoneId.systemDefault()), interval);
    }

    /** What the last look at one flow found. */
    private static final class Seen {
        long read;
        long polls;
        long pollsSinceNew;
        Instant lastNew;
        Instant lastLine;
        Instant lastPoll;

        Seen(Instant now, long read, long polls) {
            this.read = read;
            this.polls = polls;
            this.lastNew = now;
            this.lastLine = now;
        }
    }
}
