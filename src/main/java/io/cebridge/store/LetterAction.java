package io.cebridge.store;

import java.time.Instant;

/**
 * What a person did to a dead letter (RESOLVED, EDITED, RETRIED): who (the OS user), when, their note and, for an edit, the
 * fields changed as a JSON list of {field, before, after} with identifiers masked as in reasons.
 */
public record LetterAction(long id, long letterId, String flow, String sourceId, String action, String actor, Instant at,
                           String note, String changes) {
    public static final String RESOLVED = "RESOLVED";
    public static final String EDITED = "EDITED";
    public static final String RETRIED = "RETRIED";
}
