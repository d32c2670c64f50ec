package io.cebridge.store;

import java.time.Instant;

/** A record that could not be delivered, with a reason a person can act on and the original payload. */
public record DeadLetter(long id, String flow, String stage, String sourceId, String sourceVersion, String reasonCode,
                         String reason, String payload, int attempts, String status, Instant firstFailedAt,
                         Instant lastFailedAt) {

    public static final String OPEN = "OPEN";
    public static final String RETRY_REQUESTED = "RETRY_REQUESTED";
    public static final String RETRYING = "RETRYING";
    public static final String RESOLVED = "RESOLVED";

    /** A new failure to record; id, attempts, status and times are filled in by the repository. */
    public static DeadLetter failure(String flow, String stage, String sourceId, String sourceVersion, String reasonCode,
                                     String reason, String payload) {
        return new DeadLetter(0, flow, stage, sourceId, sourceVersion, reasonCode, reason, payload, 0, OPEN, null, null);
    }
}
