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
 * Records parked because their parent (e.g. a contact's account) was not linked yet: once the parent's flow has linked
 * it, the letter is marked for retry and the flow's retry route sends the record through delivery again.
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
}
