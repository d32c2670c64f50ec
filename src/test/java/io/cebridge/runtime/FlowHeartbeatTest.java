package io.cebridge.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.cebridge.flow.FlowStats;
import io.cebridge.store.Watermark;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Guards: a quiet flow that logs nothing for hours (hung or idle?), or a busy flow that logs "idle". */
class FlowHeartbeatTest {
    private final Logger logger = (Logger) LoggerFactory.getLogger(FlowHeartbeat.class);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final FlowStats stats = new FlowStats();
    private Instant now = Instant.parse("2026-11-30T12:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @BeforeEach
    void capture() {
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void release() {
        logger.detachAppender(lines);
    }

    @Test
    void anIdleFlowLogsOneLineEveryIntervalAndABusyOneNone() {
        FlowHeartbeat heartbeat = new FlowHeartbeat(stats, List.of("customer-master", "order-status"),
                flow -> flow.equals("customer-master")
                        ? Optional.of(new Watermark("2026-11-30T11:58:00.000Z", "001A")) : Optional.empty(), clock,
                Duration.ofMinutes(5));
        FlowStats.Counters customers = stats.of("customer-master");
        FlowStats.Counters orders = stats.of("order-status");
        heartbeat.check();
        for (int tick = 1; tick <= 30; tick++) { // 30 ticks of 10 s: 5 minutes, a poll every 30 s
            now = now.plus(FlowHeartbeat.TICK);
            if (tick % 3 == 0) {
                customers.pollCycles.incrementAndGet();
                orders.pollCycles.incrementAndGet();
                orders.read.incrementAndGet(); // order-status reads something on every poll
            }
            heartbeat.check();
        }
        assertThat(messages()).containsExactly("customer-master: idle, last poll 12:05:00, 10 poll(s) and nothing new"
                + " for 5 min, watermark 2026-11-30T11:58:00.000Z / 001A");
        lines.list.clear();

        // order-status goes quiet at 12:05; customer-master reads one record at 12:10
        now = now.plus(Duration.ofMinutes(4));
        heartbeat.check();
        assertThat(messages()).as("one line per interval, not per tick").isEmpty();
        customers.read.incrementAndGet();
        now = now.plus(Duration.ofMinutes(1));
        heartbeat.check();
        assertThat(messages()).containsExactly(
                "order-status: idle, last poll 12:05:00, 0 poll(s) and nothing new for 5 min, watermark per ERP table");
        lines.list.clear();
        now = now.plus(Duration.ofMinutes(4));
        heartbeat.check();
        assertThat(messages()).as("something new: customer-master's idle time starts again").isEmpty();
        now = now.plus(Duration.ofMinutes(1));
        heartbeat.check();
        assertThat(messages()).containsExactly("customer-master: idle, last poll 12:05:00, 0 poll(s) and nothing"
                + " new for 5 min, watermark 2026-11-30T11:58:00.000Z / 001A",
                "order-status: idle, last poll 12:05:00, 0 poll(s) and nothing new for 10 min, watermark per ERP table");
    }

    @Test
    void aWatermarkTheStoreCannotGiveNowStillLeavesTheLine() {
        FlowHeartbeat heartbeat = new FlowHeartbeat(stats, List.of("customer-master"), flow -> {
            throw new java.sql.SQLException("Connection refused");
        }, clock, Duration.ofMinutes(5));
        heartbeat.check();
        now = now.plus(Duration.ofMinutes(5));
        heartbeat.check();
        assertThat(messages()).containsExactly("customer-master: idle, last poll not seen, 0 poll(s) and nothing new"
                + " for 5 min, watermark not readable now (Connection refused)");
    }

    @Test
    void theIntervalIsAConfigurationKeyZeroForNeverAndNeverNegative() {
        java.util.function.Function<String, Duration> parse = v -> io.cebridge.config.BridgeConfig.load(null, Map.of(),
                new java.util.Properties(), Map.of("bridge.heartbeat-interval", v))
                .get(io.cebridge.config.BridgeKeys.HEARTBEAT_INTERVAL);
        assertThat(parse.apply("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(parse.apply("0s")).isZero();
        assertThatThrownBy(() -> parse.apply("-5m")).hasMessageContaining("bridge.heartbeat-interval");
    }

    private List<String> messages() {
        return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
}
