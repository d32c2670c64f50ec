package io.cebridge.reconcile;

import io.cebridge.connector.erp.jdbc.ChangeTable;
import io.cebridge.connector.erp.jdbc.DocumentRef;
import io.cebridge.flow.erptocrm.CrmWrite;
import io.cebridge.flow.erptocrm.DocumentLoader;
import io.cebridge.flow.erptocrm.DocumentType;
import io.cebridge.flow.erptocrm.ErpToCrmDelivery;
import io.cebridge.json.Json;
import io.cebridge.mapping.MappingException;
import io.cebridge.mapping.MappingRegistry;
import io.cebridge.store.XrefRepository;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Every document of an ERP -> CRM flow as the ERP holds it now, and the CRM writes the flow would make of it, with the
 * flow's own steps: the keys its change tables name, its document loader, the customer's CRM account through the
 * cross-reference, the document as it travels on Kafka (JSON) and its mapping. Nothing is written.
 */
final class ExpectedDocuments {
    private static final int LOAD_CHUNK = 200;

    /** One document: what the flow would write to the CRM ({@code writes}), or why it would not (then writes is null). */
    record Expected(String sourceId, String type, String key, Map<String, Object> event, List<CrmWrite> writes,
                    String refusedCode, String refusedReason) {
        boolean refused() {
            return writes == null;
        }
    }

    private final DocumentFlowTarget target;
    private final DataSource erp;
    private final MappingRegistry mappings;
    private final XrefRepository xref;

    ExpectedDocuments(DocumentFlowTarget target, DataSource erp, MappingRegistry mappings, XrefRepository xref) {
        this.target = target;
        this.erp = erp;
        this.mappings = mappings;
        this.xref = xref;
    }

    /** Every document of the flow the ERP holds, in the order of its document types and keys. */
    List<Expected> all() throws SQLException {
        List<Expected> out = new ArrayList<>();
        for (DocumentType type : target.declared().documents()) {
            List<String> keys = new ArrayList<>(keys(type.name()));
            for (int from = 0; from < keys.size(); from += LOAD_CHUNK) {
                List<String> chunk = keys.subList(from, Math.min(keys.size(), from + LOAD_CHUNK));
                Map<String, Map<String, Object>> docs = type.loader().load(chunk);
                Map<String, String> accounts = accounts(type, docs);
                for (String key : chunk) {
                    Map<String, Object> doc = docs.get(key);
                    if (doc != null) { // a key named by a change row whose document is gone (a line without its header)
                        out.add(expected(type, key, doc, accounts));
                    }
                }
            }
        }
        return out;
    }

    /** The document keys the flow's change tables name for this type, as the change poller reads them. */
    private Set<String> keys(String type) throws SQLException {
        Set<String> keys = new LinkedHashSet<>();
        for (ChangeTable t : target.declared().changes()) {
            if (!t.documentType().equals(type)) {
                continue;
            }
            try (Connection c = erp.getConnection();
                 PreparedStatement ps = c.prepareStatement("SELECT DISTINCT " + t.documentColumn() + " FROM " + t.table()
                         + " WHERE " + t.documentColumn() + " IS NOT NULL ORDER BY " + t.documentColumn());
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(String.valueOf(rs.getObject(1)));
                }
            }
        }
        return keys;
    }

    /** ERP customer number -> CRM account id, for the documents of this chunk that name a customer. */
    private Map<String, String> accounts(DocumentType type, Map<String, Map<String, Object>> docs) throws SQLException {
        if (type.customerField() == null) {
            return Map.of();
        }
        List<String> customers = docs.values().stream().map(d -> d.get(type.customerField())).filter(c -> c != null)
                .map(String::valueOf).distinct().toList();
        return customers.isEmpty() ? Map.of() : xref.crmIdsByErp(ErpToCrmDelivery.CUSTOMER_ENTITY, customers);
    }

    private Expected expected(DocumentType type, String key, Map<String, Object> doc, Map<String, String> accounts) {
        String id = new DocumentRef(type.name(), key).id();
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("sourceId", id);
        event.put("documentType", type.name());
        event.put("documentKey", key);
        event.put("document", doc);
        if (doc.get(DocumentLoader.PROBLEM) != null) {
            return refused(id, type, key, event, "SOURCE_DATA_PROBLEM", String.valueOf(doc.get(DocumentLoader.PROBLEM)));
        }
        if (type.customerField() != null) {
            Object customer = doc.get(type.customerField());
            if (customer == null) {
                return refused(id, type, key, event, "NO_CUSTOMER", "the " + type.name() + " has no " + type.customerField());
            }
            String account = accounts.get(customer.toString());
            if (account == null) {
                return refused(id, type, key, event, ErpToCrmDelivery.NOT_LINKED, "ERP customer " + customer
                        + " is not linked to a CRM account (the flow parks the document until customer-master links it)");
            }
            event.put("crmAccountId", account);
        }
        try { // the document as it travels on Kafka (JSON, exact decimals)
            Map<String, Object> onKafka = Json.readMap(Json.write(event));
            return new Expected(id, type.name(), key, event,
                    CrmWrite.parse(mappings.mapping(type.mapping()).apply(onKafka)), null, null);
        } catch (MappingException | IllegalArgumentException e) {
            return refused(id, type, key, event, "MAPPING_FAILED", e.getMessage());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return refused(id, type, key, event, "UNREADABLE_EVENT", e.getOriginalMessage());
        }
    }

    private static Expected refused(String id, DocumentType type, String key, Map<String, Object> event, String code,
                                    String reason) {
        return new Expected(id, type.name(), key, event, null, code, reason);
    }
}
