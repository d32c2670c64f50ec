package io.cebridge.store;

import io.cebridge.error.LetterCategory;
import io.cebridge.error.LetterClassifier;
import java.time.Instant;

/**
 * A record that could not be delivered, with a reason a person can act on and the original payload; resolved either
 * by its record's delivery (resolvedBy null) or by a person (`dlq resolve`: resolvedBy and a note).
 */
public record DeadLetter(long id, String flow, String stage, String sourceId, String sourceVersion, String reasonCode,
                         String reason, String payload, int attempts, String status, Instant firstFailedAt,
                         Instant lastFailedAt, Instant resolvedAt, String resolvedBy, String resolutionNote) {

    public static final String OPEN = "OPEN";
    public static final String RETRY_REQUESTED = "RETRY_REQUESTED";
    public static final String RETRYING = "RETRYING";
    public static final String RESOLVED = "RESOLVED";

    /** A new failure to record; id, attempts, status and times are filled in by the repository. */
    public static DeadLetter failure(String flow, String stage, String sourceId, String sourceVersion, String reasonCode,
                                     String reason, String payload) {
        return new DeadLetter(0, flow, stage, sourceId, sourceVersion, reasonCode, reason, payload, 0, OPEN, null, null,
                null, null, null);
    }

    /** What a person does about it, from the reason code (see {@link LetterClassifier}). */
    public LetterCategory category() {
        return LetterClassifier.of(reasonCode, reason);
    }

    /** A record waiting for its parent's link or for the ERP to have what it needs, not a failure. */
    public boolean waiting() {
        return category() == LetterCategory.WAITING;
    }
}
