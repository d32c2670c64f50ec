package io.cebridge.error;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries retriable failures with exponential back-off, honouring a server's Retry-After; after the last attempt the
 * {@link RetriableException} propagates so the route fails without acknowledging anything.
 */
public final class Retrier {
    private static final Logger LOG = LoggerFactory.getLogger(Retrier.class);
    private final int maxRetries;
    private final Duration initialDelay;
    private final Duration maxDelay;

    public Retrier(int maxRetries, Duration initialDelay, Duration maxDelay) {
        this.maxRetries = maxRetries;
        this.initialDelay = initialDelay;
        this.maxDelay = maxDelay;
    }

    public <T> T call(String what, Callable<T> action) {
        long delay = initialDelay.toMillis();
        for (int attempt = 0; ; attempt++) {
            try {
                return action.call();
            } catch (RetriableException e) {
                if (attempt >= maxRetries) {
                    throw new RetriableException(what + " still failing after " + (attempt + 1) + " attempts: "
                            + e.getMessage(), e);
                }
                long wait = Math.max(Math.min(delay, maxDelay.toMillis()), e.retryAfterMillis());
                LOG.warn("{} failed ({}); retry {}/{} in {} ms", what, Redactor.forLog(e.getMessage()), attempt + 1,
                        maxRetries, wait);
                pause(wait);
                delay = Math.min(delay * 2, maxDelay.toMillis());
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(what + " failed: " + e.getMessage(), e);
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis); // back-off between attempts against a remote system, not a test wait
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new RetriableException("interrupted while waiting to retry", ie);
        }
    }
}
