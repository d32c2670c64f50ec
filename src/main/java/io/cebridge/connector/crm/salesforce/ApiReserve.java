package io.cebridge.connector.crm.salesforce;

import io.cebridge.error.RetriableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a reserve of the org's daily API allowance unused (bridge.crm.api-reserve): before each CRM call, when the
 * last Sforce-Limit-Info said no more than the reserve is left, the call is not made but fails retriable, so the
 * poll or write-back is retried later and nothing is acknowledged. Salesforce counts calls over a rolling 24 hours,
 * and only an answer tells how many are left: while paused one call every {@link #PROBE_INTERVAL} is let through to
 * learn whether usage has fallen (at most 96 a day, taken from the reserve; every other call keeps away from it).
 */
public final class ApiReserve {
    /** How often a paused client lets one call through to read the allowance again. */
    public static final Duration PROBE_INTERVAL = Duration.ofMinutes(15);
    private static final Logger LOG = LoggerFactory.getLogger(ApiReserve.class);

    private final boolean percent;
    private final long amount;
    private final Clock clock;
    private Instant nextProbe; // guarded by this

    private ApiReserve(boolean percent, long amount, Clock clock) {
        this.percent = percent;
        this.amount = amount;
        this.clock = clock;
    }

    /** {@code 10%} of the daily limit, or a count of calls such as {@code 5000}; {@code 0} keeps none. */
    public static ApiReserve parse(String spec) {
        return parse(spec, Clock.systemUTC());
    }

    static ApiReserve parse(String spec, Clock clock) {
        String v = spec == null ? "" : spec.strip();
        boolean pct = v.endsWith("%");
        String digits = pct ? v.substring(0, v.length() - 1).strip() : v;
        long n;
        try {
            n = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 0 || pct && n > 100) {
            throw new IllegalArgumentException("expected a percentage of the daily API allowance (10%) or a count of"
                    + " calls (5000), got '" + spec + "'");
        }
        return new ApiReserve(pct, n, clock);
    }

    /** The calls kept back of a daily limit. */
    public long of(long limit) {
        return percent ? limit * amount / 100 : amount;
    }

    /**
     * Called before every CRM call: returns when the call may go; throws {@link RetriableException} (with the time to
     * the next probe as Retry-After) while the allowance is down to the reserve.
     */
    public void beforeCall(ApiUsage usage) {
        OptionalLong remaining = usage.remaining();
        OptionalLong limit = usage.limit();
        if (remaining.isEmpty() || limit.isEmpty()) {
            return; // nothing told yet: the first answer will
        }
        long reserve = of(limit.getAsLong());
        synchronized (this) {
            if (remaining.getAsLong() > reserve) {
                if (usage.paused()) {
                    LOG.info("CRM API calls resumed: {} of the org's {} daily calls left, above the reserve of {}"
                            + " (bridge.crm.api-reserve)", remaining.getAsLong(), limit.getAsLong(), reserve);
                    usage.paused(false);
                }
                return;
            }
            Instant now = clock.instant();
            if (!usage.paused()) {
                usage.paused(true);
                nextProbe = now.plus(PROBE_INTERVAL);
                LOG.warn("CRM API calls paused: {} of the org's {} daily calls left, the reserve of {} is kept"
                        + " (bridge.crm.api-reserve); polling and write-back wait, one call every {} checks whether"
                        + " the rolling 24 h usage has fallen", remaining.getAsLong(), limit.getAsLong(), reserve,
                        PROBE_INTERVAL);
            } else if (!now.isBefore(nextProbe)) {
                nextProbe = now.plus(PROBE_INTERVAL);
                return; // the probe: its answer's Sforce-Limit-Info tells whether to resume
            }
            long waitMillis = Math.max(1, Duration.between(now, nextProbe).toMillis());
            throw new RetriableException("CRM API calls paused to keep the reserve of " + reserve + " of "
                    + limit.getAsLong() + " daily calls (bridge.crm.api-reserve); " + remaining.getAsLong()
                    + " left", null, waitMillis);
        }
    }
}
