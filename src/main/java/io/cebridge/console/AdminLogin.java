package io.cebridge.console;

import io.cebridge.config.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks the console's one administrator credential. User and password are compared as SHA-256 digests with
 * {@link MessageDigest#isEqual}, both always, so neither the answer nor its time tells which part was wrong or how
 * much of a guess matched. Failed logins are counted per client address: after {@link #MAX_FAILURES} within
 * {@link #WINDOW} that address is refused until the oldest failure leaves the window, whatever it sends.
 */
final class AdminLogin {
    static final int MAX_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(5);
    /** Addresses tracked at most; beyond, the table starts afresh (a flood of addresses cannot exhaust memory). */
    private static final int MAX_CLIENTS = 10_000;
    private final byte[] user;
    private final byte[] password;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    /** What a login attempt gets. */
    enum Result { ACCEPTED, REFUSED, THROTTLED }

    AdminLogin(String user, Secret password, Clock clock) {
        this.user = digest(user);
        this.password = digest(password.reveal());
        this.clock = clock;
    }

    Result attempt(String client, String givenUser, String givenPassword) {
        if (retryAfter(client) != null) {
            return Result.THROTTLED;
        }
        // both compared, always: a wrong user name costs the same time as a wrong password
        boolean userOk = MessageDigest.isEqual(user, digest(givenUser == null ? "" : givenUser));
        boolean passwordOk = MessageDigest.isEqual(password, digest(givenPassword == null ? "" : givenPassword));
        if (userOk & passwordOk) {
            failures.remove(client);
            return Result.ACCEPTED;
        }
        if (failures.size() >= MAX_CLIENTS) {
            failures.clear();
        }
        Deque<Instant> times = failures.computeIfAbsent(client, c -> new ArrayDeque<>());
        synchronized (times) {
            times.addLast(clock.instant());
        }
        return Result.REFUSED;
    }

    /** How long {@code client} must wait before its next attempt is looked at, or null when it need not. */
    Duration retryAfter(String client) {
        Deque<Instant> times = failures.get(client);
        if (times == null) {
            return null;
        }
        synchronized (times) {
            Instant cutoff = clock.instant().minus(WINDOW);
            while (!times.isEmpty() && times.peekFirst().isBefore(cutoff)) {
                times.removeFirst();
            }
            if (times.size() < MAX_FAILURES) {
                return null;
            }
            return Duration.between(cutoff, times.peekFirst()).plusSeconds(1);
        }
    }

    private static byte[] digest(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
