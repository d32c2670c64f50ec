package io.cebridge.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LookBackTest {
    private final AtomicLong now = new AtomicLong();
    private final LookBack lookBack = new LookBack(Duration.ofSeconds(5), now::get);

    private void after(int seconds) {
        now.addAndGet(Duration.ofSeconds(seconds).toNanos());
    }

    @Test
    void aWatermarkYoungerThanTheWindowIsReadAgainOnEveryPoll() {
        for (int i = 0; i < 4; i++) {
            assertThat(lookBack.reread("W1")).isTrue();
            lookBack.completed();
            after(1);
        }
    }

    @Test
    void onceTheWatermarkHasStoodLongerThanTheWindowOneMoreReadSettlesIt() {
        assertThat(lookBack.reread("W1")).isTrue();
        lookBack.completed();
        after(5);
        assertThat(lookBack.reread("W1")).as("stood 5 s: this read catches the last late commits").isTrue();
        lookBack.completed();
        after(1);
        assertThat(lookBack.reread("W1")).as("settled").isFalse();
        lookBack.completed();
        after(60);
        assertThat(lookBack.reread("W1")).isFalse();
    }

    @Test
    void aPollThatFailsPartWaySettlesNothing() {
        lookBack.reread("W1");
        after(6);
        assertThat(lookBack.reread("W1")).isTrue(); // this poll fails: completed() is not called
        after(1);
        assertThat(lookBack.reread("W1")).isTrue();
        lookBack.completed();
        assertThat(lookBack.reread("W1")).isFalse();
    }

    @Test
    void aMovedWatermarkStartsItsOwnWindow() {
        lookBack.reread("W1");
        after(6);
        lookBack.reread("W1");
        lookBack.completed();
        assertThat(lookBack.reread("W2")).isTrue();
        lookBack.completed();
        after(4);
        assertThat(lookBack.reread("W2")).as("W2 has stood 4 s only").isTrue();
        lookBack.completed();
        after(1);
        assertThat(lookBack.reread("W2")).isTrue();
        lookBack.completed();
        assertThat(lookBack.reread("W2")).isFalse();
    }

    @Test
    void noWatermarkYetMeansAFullRead() {
        after(100);
        assertThat(lookBack.reread(null)).isTrue();
        lookBack.completed();
        assertThat(lookBack.reread(null)).isTrue();
    }
}
