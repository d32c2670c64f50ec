package io.cebridge.reconcile;

import io.cebridge.connector.crm.CrmRecordWriter;
import io.cebridge.flow.erptocrm.CrmWrite;
import io.cebridge.mapping.MappingRegistry;
import io.cebridge.store.DeadLetter;
import io.cebridge.store.StateStore;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Reconciles one ERP -> CRM document flow: every document the ERP holds, loaded and mapped as the flow does it
 * ({@link ExpectedDocuments}), against the CRM records the mapping's writes address, read through the CRM connector by
 * their external id (or Id, or match fields); see {@link DocumentComparison} for what is reported. Reads only;
 * {@link DocumentRepair} sends documents through the flow again.
 */
public final class DocumentReconciler {
    private static final int ID_CHUNK = 200;
    private static final Pattern CRM_ID = Pattern.compile("[A-Za-z0-9]{15}([A-Za-z0-9]{3})?");
    private final DocumentFlowTarget target;
    private final CrmRecordWriter crm;
    private final DataSource erp;
    private final StateStore store;
    private final MappingRegistry mappings;
    /** What the last {@link #run} loaded from the ERP, by source id: what `--repair` sends through the flow. */
    private final Map<String, ExpectedDocuments.Expected> documents = new LinkedHashMap<>();

    public DocumentReconciler(DocumentFlowTarget target, CrmRecordWriter crm, DataSource erp, StateStore store,
                              MappingRegistry mappings) {
        this.target = target;
        this.crm = crm;
        this.erp = erp;
        this.store = store;
        this.mappings = mappings;
    }

    public DocumentFlowTarget target() {
        return target;
    }

    /** The document event (sourceId, documentType, documentKey, document) as the last run loaded it, or null. */
    Map<String, Object> documentEvent(String sourceId) {
        ExpectedDocuments.Expected d = documents.get(sourceId);
        return d == null ? null : d.event();
    }

    public ReconcileReport run() throws SQLException {
        List<ExpectedDocuments.Expected> docs = new ExpectedDocuments(target, erp, mappings, store.xref()).all();
        documents.clear();
        docs.forEach(d -> documents.put(d.sourceId(), d));
        Map<String, DeadLetter> letters = new HashMap<>();
        for (DeadLetter d : store.deadLetters().list(target.flow(), false)) {
            letters.put(d.sourceId(), d);
        }
        Map<DocumentComparison.WriteKey, Map<String, Map<String, Object>>> crmRecords = new LinkedHashMap<>();
        int read = 0;
        for (Map.Entry<DocumentComparison.WriteKey, Set<String>> e : DocumentComparison.fields(docs).entrySet()) {
            Map<String, Map<String, Object>> byIdentity = new LinkedHashMap<>();
            for (Map<String, Object> r : read(e.getKey(), e.getValue(), docs)) {
                byIdentity.put(e.getKey().identityOf(r), r);
            }
            read += byIdentity.size();
            crmRecords.put(e.getKey(), byIdentity);
        }
        DocumentComparison.Result result = DocumentComparison.compare(docs, letters, crmRecords);
        return new ReconcileReport(target.flow(), String.join(", ", crmRecords.keySet().stream()
                .map(DocumentComparison.WriteKey::sobject).distinct().toList()),
                String.join(", ", target.declared().documents().stream().map(t -> t.name()).toList()) + " document",
                read, docs.size(), result.agree(), 0, result.findings(), true);
    }

    /**
     * The CRM records a write addresses: every record with the external id set (an upsert: so records whose document
     * is gone are found too), the records of the Ids the documents name (an update), every record (a match).
     */
    private List<Map<String, Object>> read(DocumentComparison.WriteKey key, Set<String> fields,
                                           List<ExpectedDocuments.Expected> docs) {
        Set<String> select = new LinkedHashSet<>();
        select.add("Id");
        select.addAll(fields);
        for (String name : concat(key.identity(), key.sobject())) {
            if (!DocumentComparison.FIELD.matcher(name).matches()) {
                throw new IllegalArgumentException("the mapping of " + target.flow() + " writes " + key.describe()
                        + ": '" + name + "' is not a name the CRM could have");
            }
        }
        String soql = "SELECT " + String.join(", ", select) + " FROM " + key.sobject();
        return switch (key.operation()) {
            case CrmWrite.UPSERT -> crm.find(soql + " WHERE " + key.identity().get(0) + " != null");
            case CrmWrite.UPDATE -> {
                List<String> ids = new ArrayList<>(ids(key, docs));
                List<Map<String, Object>> out = new ArrayList<>();
                for (int from = 0; from < ids.size(); from += ID_CHUNK) {
                    out.addAll(crm.find(soql + " WHERE Id IN ('" + String.join("', '",
                            ids.subList(from, Math.min(ids.size(), from + ID_CHUNK))) + "')"));
                }
                yield out;
            }
            default -> crm.find(soql);
        };
    }

    private static List<String> concat(List<String> a, String b) {
        List<String> out = new ArrayList<>(a);
        out.add(b);
        return out;
    }

    private static Set<String> ids(DocumentComparison.WriteKey key, List<ExpectedDocuments.Expected> docs) {
        Set<String> ids = new LinkedHashSet<>();
        for (ExpectedDocuments.Expected d : docs) {
            if (!d.refused()) {
                d.writes().stream().filter(w -> DocumentComparison.WriteKey.of(w).equals(key))
                        .forEach(w -> w.records().forEach(r -> {
                            String id = String.valueOf(r.get("Id"));
                            if (CRM_ID.matcher(id).matches()) { // anything else is no record the CRM could have
                                ids.add(id);
                            }
                        }));
            }
        }
        return ids;
    }
}
