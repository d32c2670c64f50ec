package io.cebridge.flow;

import java.util.List;
import java.util.Map;

/** Told what happened to each record of a delivered batch, after it is recorded in the state store (used by `record`). */
public interface DeliveryListener {
    /**
     * One record's outcome: action is CREATED, UPDATED, CLAIMED, LINKED, UNCHANGED, STALE or FAILED; erpBefore is
     * the ERP row it matched before the write (null when it created one).
     */
    record Outcome(String sourceId, String sourceVersion, String action, String erpNo, List<String> flags,
                   Map<String, Object> erpBefore) {
    }

    void delivered(String flow, List<Outcome> outcomes);

    /** A record dead-lettered at any stage; payload as stored. */
    default void deadLettered(String flow, String stage, String sourceId, String sourceVersion, String reasonCode,
                              String reason, String payload) {
    }
}
