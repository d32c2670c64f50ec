package io.cebridge.error;

/** A failure that goes away by itself (timeout, HTTP 429/5xx, lost connection): retried with back-off, never dead-lettered. */
public class RetriableException extends RuntimeException {
    private final long retryAfterMillis;

    public RetriableException(String message, Throwable cause) {
        this(message, cause, 0);
    }

    public RetriableException(String message, Throwable cause, long retryAfterMillis) {
        super(message, cause);
        this.retryAfterMillis = retryAfterMillis;
    }

    /** Server-requested delay (Retry-After) or 0. */
    public long retryAfterMillis() {
        return retryAfterMillis;
    }
}
