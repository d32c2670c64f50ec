package io.cebridge.demo;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Salesforce's concurrent API request limit, for the demo CRM's latency mode. Salesforce counts the calls in progress
 * that have run 20 s or longer; while a production org has 25 of them, every new call is refused at once with 403
 * REQUEST_LIMIT_EXCEEDED "ConcurrentPerOrgLongTxn Limit exceeded." until fewer remain. Calls shorter than 20 s are not
 * limited, and nothing waits in a queue. So this holds each call's start time and refuses a new call while
 * {@code max} calls in progress are {@code longAfter} old or older; it never delays a call, nor refuses one because
 * many short ones are running.
 */
final class LongCalls {
    /** What Salesforce counts as a long-running call. */
    static final Duration SALESFORCE_LONG = Duration.ofSeconds(20);

    private final int max;
    private final long longAfterNanos;
    private final Map<Object, Long> started = new ConcurrentHashMap<>(); // call -> System.nanoTime() at its start
    private final LongAdder refused = new LongAdder();

    LongCalls(int max, Duration longAfter) {
        if (max < 1 || longAfter.isNegative()) {
            throw new IllegalArgumentException("at least one long call at once, and a duration >= 0");
        }
        this.max = max;
        this.longAfterNanos = longAfter.toNanos();
    }

    /** Starts a call, or refuses it as Salesforce does while {@code max} long calls are in progress. */
    void begin(Object call) {
        // a count over at most a few dozen entries per call: what a benchmark or test makes at once
        if (inProgress() >= max) {
            refused.increment();
            throw new DemoApiException(403, "REQUEST_LIMIT_EXCEEDED", "ConcurrentPerOrgLongTxn Limit exceeded.");
        }
        started.put(call, System.nanoTime());
    }

    /** Ends a call (refused or not). */
    void end(Object call) {
        started.remove(call);
    }

    /** Calls in progress that have run {@code longAfter} or longer. */
    long inProgress() {
        long now = System.nanoTime();
        return started.values().stream().filter(start -> now - start >= longAfterNanos).count();
    }

    /** Calls refused so far. */
    long refused() {
        return refused.sum();
    }
}
