package io.cebridge.error;

/**
 * A failure of a whole system rather than of one record (bad credentials, missing table): not retried in a loop and
 * not dead-lettered record by record; the flow stops with a message saying what to fix.
 */
public class SystemFailureException extends RuntimeException {
    public SystemFailureException(String message, Throwable cause) {
        super(message, cause);
    }
}
