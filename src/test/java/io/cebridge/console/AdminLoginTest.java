package io.cebridge.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.cebridge.config.Secret;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The console's credential check: both parts must match, and guesses from one address are throttled, then let go. */
class AdminLoginTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T12:00:00Z"));
    private final AdminLogin login = new AdminLogin("ops", new Secret("a long passphrase"), clock);

    @Test
    void onlyTheRightUserWithTheRightPasswordIsAccepted() {
        assertThat(login.attempt("10.0.0.1", "ops", "a long passphrase")).isEqualTo(AdminLogin.Result.ACCEPTED);
        assertThat(login.attempt("10.0.0.1", "ops", "a long passphrase ")).isEqualTo(AdminLogin.Result.REFUSED);
        assertThat(login.attempt("10.0.0.1", "OPS", "a long passphrase")).isEqualTo(AdminLogin.Result.REFUSED);
        assertThat(login.attempt("10.0.0.1", null, null)).isEqualTo(AdminLogin.Result.REFUSED);
        assertThat(login.attempt("10.0.0.1", "", "")).isEqualTo(AdminLogin.Result.REFUSED);
    }

    @Test
    void fiveFailuresFromOneAddressLockItOutUntilTheOldestIsFiveMinutesOldOthersAreNotAffected() {
        for (int i = 0; i < AdminLogin.MAX_FAILURES; i++) {
            assertThat(login.attempt("10.0.0.1", "ops", "guess " + i)).isEqualTo(AdminLogin.Result.REFUSED);
            clock.advance(Duration.ofSeconds(10));
        }
        assertThat(login.attempt("10.0.0.1", "ops", "a long passphrase")).as("even the right password")
                .isEqualTo(AdminLogin.Result.THROTTLED);
        assertThat(login.retryAfter("10.0.0.1")).isPositive().isLessThanOrEqualTo(AdminLogin.WINDOW);
        assertThat(login.attempt("10.0.0.2", "ops", "a long passphrase")).isEqualTo(AdminLogin.Result.ACCEPTED);
        clock.advance(AdminLogin.WINDOW.minusSeconds(40));
        assertThat(login.retryAfter("10.0.0.1")).as("the oldest failure has left the window").isNull();
        assertThat(login.attempt("10.0.0.1", "ops", "a long passphrase")).isEqualTo(AdminLogin.Result.ACCEPTED);
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
