package io.cebridge.connector.crm.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatNoException;

import io.cebridge.error.RetriableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ApiReserveTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-30T10:00:00Z"));
    private final Clock clock = new Clock() {
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        public Instant instant() {
            return now.get();
        }
    };

    @Test
    void aPercentageOrACountOfTheDailyLimit() {
        assertThat(ApiReserve.parse("10%").of(100_000)).isEqualTo(10_000);
        assertThat(ApiReserve.parse("5000").of(100_000)).isEqualTo(5000);
        assertThat(ApiReserve.parse("0").of(100_000)).isZero();
        assertThatThrownBy(() -> ApiReserve.parse("110%")).hasMessageContaining("10%");
        assertThatThrownBy(() -> ApiReserve.parse("lots")).hasMessageContaining("got 'lots'");
        assertThatThrownBy(() -> ApiReserve.parse("-1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void callsGoUntilTheReserveThenPauseAndAProbeEveryIntervalLearnsWhenToResume() {
        ApiReserve reserve = ApiReserve.parse("10%", clock);
        ApiUsage usage = new ApiUsage();
        assertThatNoException().isThrownBy(() -> reserve.beforeCall(usage)); // nothing known yet

        usage.observe("api-usage=89999/100000");
        assertThatNoException().isThrownBy(() -> reserve.beforeCall(usage));
        assertThat(usage.paused()).isFalse();

        usage.observe("api-usage=90000/100000"); // 10,000 left: the reserve itself
        assertThatThrownBy(() -> reserve.beforeCall(usage)).isInstanceOf(RetriableException.class)
                .hasMessageContaining("reserve of 10000").satisfies(e -> assertThat(((RetriableException) e)
                        .retryAfterMillis()).isEqualTo(ApiReserve.PROBE_INTERVAL.toMillis()));
        assertThat(usage.paused()).isTrue();
        assertThat(usage.pauses()).isEqualTo(1);

        now.set(now.get().plus(Duration.ofMinutes(5)));
        assertThatThrownBy(() -> reserve.beforeCall(usage)).isInstanceOf(RetriableException.class)
                .satisfies(e -> assertThat(((RetriableException) e).retryAfterMillis())
                        .isEqualTo(Duration.ofMinutes(10).toMillis()));

        now.set(now.get().plus(Duration.ofMinutes(10)));
        assertThatNoException().as("one probe call").isThrownBy(() -> reserve.beforeCall(usage));
        assertThatThrownBy(() -> reserve.beforeCall(usage)).as("only one").isInstanceOf(RetriableException.class);

        usage.observe("api-usage=70000/100000"); // the probe's answer: the rolling window let calls age out
        assertThatNoException().isThrownBy(() -> reserve.beforeCall(usage));
        assertThat(usage.paused()).isFalse();
        assertThat(usage.pauses()).isEqualTo(1);
    }

    @Test
    void noReserveNeverPausesBeforeTheLimit() {
        ApiReserve reserve = ApiReserve.parse("0", clock);
        ApiUsage usage = new ApiUsage();
        usage.observe("api-usage=99999/100000");
        assertThatNoException().isThrownBy(() -> reserve.beforeCall(usage));
    }
}
