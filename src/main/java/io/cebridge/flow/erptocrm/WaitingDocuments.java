package io.cebridge.flow.erptocrm;

import io.cebridge.json.Json;
import io.cebridge.store.DeadLetter;
import io.cebridge.store.DeadLetterRepository;
import io.cebridge.store.XrefRepository;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;

/**
 * Releases documents that wait for their customer's CRM link: every check, the letters whose customer is linked now
 * are marked for retry, and the flow's retry route sends them through delivery again. Letters of customers that are
 * still unlinked stay waiting (an ERP customer that never reaches the CRM keeps its documents here, visible).
 */
public final class WaitingDocuments {
    private final String flow;
    private final Map<String, DocumentType> types;
    private final DeadLetterRepository letters;
    private final XrefRepository xref;

    public WaitingDocuments(String flow, Map<String, DocumentType> types, DeadLetterRepository letters, XrefRepository xref) {
        this.flow = flow;
        this.types = Map.copyOf(types);
        this.letters = letters;
        this.xref = xref;
    }

    @SuppressWarnings("unchecked")
    public void release(Exchange exchange) throws SQLException {
        Map<Long, String> customerOf = new HashMap<>();
        for (DeadLetter d : letters.open(flow, ErpToCrmDelivery.NOT_LINKED)) {
            try {
                Map<String, Object> event = Json.readMap(d.payload());
                DocumentType type = types.get(String.valueOf(event.get("documentType")));
                Object doc = event.get("document");
                if (type != null && type.customerField() != null && doc instanceof Map<?, ?> m
                        && m.get(type.customerField()) != null) {
                    customerOf.put(d.id(), m.get(type.customerField()).toString());
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                // not ours to judge here: the letter stays for a person to look at
            }
        }
        if (customerOf.isEmpty()) {
            return;
        }
        Map<String, String> linked = xref.crmIdsByErp(ErpToCrmDelivery.CUSTOMER_ENTITY, List.copyOf(customerOf.values()));
        for (Map.Entry<Long, String> e : customerOf.entrySet()) {
            if (linked.containsKey(e.getValue())) {
                letters.requestRetry(e.getKey(), flow);
            }
        }
    }
}
