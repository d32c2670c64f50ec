package io.cebridge.flow.crmtoerp;

import io.cebridge.connector.crm.CrmRecordWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Ingest steps that complete a CRM page with records of other objects before it is mapped, as a relationship query
 * would: the child records of each record (an Opportunity's OpportunityLineItems) as a list, and the fields of a
 * record a lookup field points at (a line's Product2Id -> "Product2": {"ERP_Product_Code__c": ...}). One query per
 * 200 ids; ids are checked to be Salesforce ids before they go into a query.
 */
public final class CrmEnrichment {
    private static final int IDS_PER_QUERY = 200;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9]{15}([A-Za-z0-9]{3})?");
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    private CrmEnrichment() {
    }

    /** Puts each live record's children ({@code object} records whose {@code parentField} is its Id) under {@code as}. */
    public static void children(RecordBatch batch, CrmRecordWriter crm, String object, String parentField,
                                List<String> fields, String as) {
        names(object, parentField, as);
        fields.forEach(CrmEnrichment::names);
        List<FlowRecord> live = batch.live();
        Set<String> ids = new LinkedHashSet<>();
        live.forEach(r -> ids.add(r.sourceId));
        Set<String> select = new LinkedHashSet<>(List.of("Id", parentField));
        select.addAll(fields);
        Map<String, List<Map<String, Object>>> byParent = new HashMap<>();
        for (Map<String, Object> child : query(crm, object, select, parentField, ids)) {
            byParent.computeIfAbsent(String.valueOf(child.get(parentField)), k -> new ArrayList<>()).add(child);
        }
        for (FlowRecord r : live) {
            List<Map<String, Object>> kids = new ArrayList<>(byParent.getOrDefault(r.sourceId, List.of()));
            kids.sort(Comparator.comparing(c -> String.valueOf(c.get("Id"))));
            r.raw.put(as, kids);
        }
    }

    /**
     * For each live record, or each element of its list {@code in}, reads the {@code object} record its
     * {@code idField} points at and puts {@code fields} of it under the relationship name (idField without Id).
     */
    public static void lookup(RecordBatch batch, CrmRecordWriter crm, String object, String idField, List<String> fields,
                              String in) {
        names(object, idField);
        fields.forEach(CrmEnrichment::names);
        if (!idField.endsWith("Id") || idField.length() < 3) {
            throw new IllegalArgumentException("step:lookup: idField must be a lookup field ending in Id, got " + idField);
        }
        String relationship = idField.substring(0, idField.length() - 2);
        List<Map<String, Object>> targets = new ArrayList<>();
        for (FlowRecord r : batch.live()) {
            if (in == null || in.isBlank()) {
                targets.add(r.raw);
            } else if (r.raw.get(in) instanceof List<?> list) {
                list.stream().filter(Map.class::isInstance).forEach(o -> {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> m = (Map<String, Object>) o;
                    targets.add(m);
                });
            }
        }
        Set<String> ids = new LinkedHashSet<>();
        targets.forEach(t -> {
            if (t.get(idField) != null) {
                ids.add(String.valueOf(t.get(idField)));
            }
        });
        Set<String> select = new LinkedHashSet<>(List.of("Id"));
        select.addAll(fields);
        Map<String, Map<String, Object>> byId = new HashMap<>();
        for (Map<String, Object> found : query(crm, object, select, "Id", ids)) {
            Map<String, Object> values = new java.util.LinkedHashMap<>();
            fields.forEach(f -> values.put(f, found.get(f)));
            byId.put(String.valueOf(found.get("Id")), values);
            byId.put(String.valueOf(found.get("Id")).substring(0, 15), values);
        }
        for (Map<String, Object> t : targets) {
            Object id = t.get(idField);
            t.put(relationship, id == null ? null : byId.get(String.valueOf(id).length() >= 15
                    ? String.valueOf(id).substring(0, 15) : String.valueOf(id)));
        }
    }

    private static List<Map<String, Object>> query(CrmRecordWriter crm, String object, Set<String> select, String where,
                                                   Set<String> ids) {
        List<Map<String, Object>> out = new ArrayList<>();
        List<String> all = new ArrayList<>();
        for (String id : ids) {
            if (ID.matcher(id).matches()) { // anything else is not a Salesforce id and must not reach a query
                all.add(id);
            }
        }
        for (int from = 0; from < all.size(); from += IDS_PER_QUERY) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + IDS_PER_QUERY));
            out.addAll(crm.find("SELECT " + String.join(", ", select) + " FROM " + object + " WHERE " + where + " IN ('"
                    + String.join("', '", chunk) + "')"));
        }
        return out;
    }

    private static void names(String... names) {
        for (String n : names) {
            if (n == null || !NAME.matcher(n).matches()) {
                throw new IllegalArgumentException("'" + n + "' is not a CRM object or field name");
            }
        }
    }
}
