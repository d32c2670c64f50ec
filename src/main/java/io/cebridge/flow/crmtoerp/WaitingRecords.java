package io.cebridge.flow.crmtoerp;

import io.cebridge.json.Json;
import io.cebridge.store.DeadLetter;
import io.cebridge.store.DeadLetterRepository;
import io.cebridge.store.XrefRepository;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Records parked because their parent (e.g. a contact's account) was not linked yet, because what they need in the
 * ERP was not there (a quote line's product), or because another record was creating the ERP record of their claim
 * value: once the parent's flow has linked it, the ERP has what was missing, or that record is linked (or gave up its
 * claim), the letter is marked for retry and the flow's retry route sends the record through delivery again.
 */
public final class WaitingRecords {
    private WaitingRecords() {
    }

    public static void release(String flow, DeadLetterRepository letters, XrefRepository xref, String parentEntity,
                               String field) throws SQLException {
        Map<Long, String> parentOf = new HashMap<>();
        for (DeadLetter d : letters.open(flow, CrmToErpDelivery.NOT_LINKED)) {
            try {
                Object v = new FlowRecord(d.sourceId(), d.sourceVersion(), Json.readMap(d.payload()), d.payload()).field(field);
                if (v != null) {
                    parentOf.put(d.id(), v.toString());
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                // not ours to judge here: the letter stays for a person to look at
            }
        }
        if (parentOf.isEmpty()) {
            return;
        }
        var linked = xref.find(parentEntity, List.copyOf(new java.util.HashSet<>(parentOf.values())));
        for (Map.Entry<Long, String> e : parentOf.entrySet()) {
            if (linked.containsKey(e.getValue())) {
                letters.requestRetry(e.getKey(), flow);
            }
        }
    }

    /** Marks for retry the records waiting as NEEDS_MAPPING whose requirements all resolve now. */
    public static void releaseResolved(String flow, DeadLetterRepository letters, Requirements requirements)
            throws SQLException {
        Map<DeadLetter, Map<String, Object>> waiting = new java.util.LinkedHashMap<>();
        for (DeadLetter d : letters.open(flow, Requirements.NEEDS_MAPPING)) {
            try {
                waiting.put(d, Json.readMap(d.payload()));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                // not ours to judge here: the letter stays for a person to look at
            }
        }
        if (waiting.isEmpty()) {
            return;
        }
        Map<DeadLetter, List<String>> still = requirements.unresolved(List.copyOf(waiting.keySet()), waiting::get);
        for (DeadLetter d : waiting.keySet()) {
            if (!still.containsKey(d)) {
                letters.requestRetry(d.id(), flow);
            }
        }
    }

    /**
     * Marks for retry the records waiting as CLAIMED_BY_OTHER whose claim's holder is linked now, or holds no claim
     * within the lease any more (its claim lapsed, or was given up because its create was dead-lettered). Sent too
     * early costs one more pass: delivery claims again and the record waits again.
     */
    public static void releaseClaimed(String flow, DeadLetterRepository letters, XrefRepository xref,
                                      CreateClaims claims) throws SQLException {
        Map<Long, String> holderOf = new HashMap<>();
        for (DeadLetter d : letters.open(flow, CreateClaims.CLAIMED_BY_OTHER)) {
            String holder = CreateClaims.holderIn(d.reason());
            if (holder == null) {
                letters.requestRetry(d.id(), flow); // a reason a person edited: delivery decides again
            } else {
                holderOf.put(d.id(), holder);
            }
        }
        if (holderOf.isEmpty()) {
            return;
        }
        java.util.Set<String> holders = new java.util.HashSet<>(holderOf.values());
        java.util.Set<String> linked = xref.find(claims.entity(), holders).keySet();
        java.util.Set<String> holding = claims.repository().holding(claims.entity(), holders,
                java.time.Instant.now().minus(claims.lease()));
        for (Map.Entry<Long, String> e : holderOf.entrySet()) {
            if (linked.contains(e.getValue()) || !holding.contains(e.getValue())) {
                letters.requestRetry(e.getKey(), flow);
            }
        }
    }
}
