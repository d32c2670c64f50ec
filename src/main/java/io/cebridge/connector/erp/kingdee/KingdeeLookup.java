package io.cebridge.connector.erp.kingdee;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds a form's documents by the values of one field (the CRM id field, the tax code) with ExecuteBillQuery, reading
 * the values of the fields the models write, so a model can be compared with what Kingdee holds.
 */
final class KingdeeLookup {
    private static final int CHUNK = 500;
    private final KingdeeForms forms;
    private final KingdeeFormWriter.Target target;

    /** One document: internal id, number, CRM id (null or blank: none), FDocumentStatus, values by upper-case key. */
    record Found(String id, String number, String crmId, String status, Map<String, Object> values) {
    }

    KingdeeLookup(KingdeeForms forms, KingdeeFormWriter.Target target) {
        this.forms = forms;
        this.target = target;
    }

    /**
     * The documents whose {@code field} holds one of {@code values}, oldest first, grouped by that value. A document
     * with entries (a model's list, e.g. FSaleOrderEntry) comes as one row per entry line; its lines are put together
     * in their FSeq order under the entry key.
     */
    Map<String, List<Found>> by(String field, List<String> values, List<Map<String, Object>> models) {
        Set<String> keys = new LinkedHashSet<>(List.of(target.idField(), target.numberField(), target.crmIdField(),
                "FDocumentStatus"));
        if (keys.stream().noneMatch(x -> x.equalsIgnoreCase(field))) {
            keys.add(field);
        }
        Map<String, Set<String>> entries = new LinkedHashMap<>();
        for (Map<String, Object> m : models) {
            collect(m, keys, entries);
        }
        // one entry per look-up: two would come back as their cross product
        String entry = entries.isEmpty() ? null : entries.keySet().iterator().next();
        if (entry != null) {
            add(keys, entry + "_FSeq");
            entries.get(entry).forEach(k -> add(keys, k));
        }
        List<String> fieldKeys = List.copyOf(keys);
        int groupAt = 0;
        while (!fieldKeys.get(groupAt).equalsIgnoreCase(field)) {
            groupAt++;
        }
        Map<String, Found> byId = new LinkedHashMap<>();
        Map<String, String> groupOf = new LinkedHashMap<>();
        for (int from = 0; from < values.size(); from += CHUNK) {
            List<String> chunk = values.subList(from, Math.min(values.size(), from + CHUNK));
            StringBuilder filter = new StringBuilder(field).append(" IN (");
            for (int i = 0; i < chunk.size(); i++) {
                filter.append(i == 0 ? "" : ",").append(quote(chunk.get(i)));
            }
            filter.append(')');
            if (!target.orgNumber().isBlank()) {
                filter.append(" AND ").append(target.orgFilterField()).append(".FNumber = ").append(quote(target.orgNumber()));
            }
            String order = target.idField() + " ASC" + (entry == null ? "" : ", " + entry + "_FSeq ASC");
            for (List<Object> row : forms.query(target.form(), fieldKeys, filter.toString(), order, KingdeeForms.MAX_PAGE)) {
                Map<String, Object> v = new HashMap<>();
                for (int i = 0; i < fieldKeys.size(); i++) {
                    v.put(fieldKeys.get(i).toUpperCase(Locale.ROOT), row.get(i));
                }
                String id = text(row.get(0));
                Found f = byId.get(id);
                if (f == null) {
                    if (entry != null) {
                        v.put(entry.toUpperCase(Locale.ROOT), new ArrayList<Map<String, Object>>());
                    }
                    f = new Found(id, text(row.get(1)), text(row.get(2)), text(row.get(3)), v);
                    byId.put(id, f);
                    groupOf.put(id, text(row.get(groupAt)));
                }
                if (entry != null) {
                    @SuppressWarnings("unchecked")
                    List<Map<String, Object>> lines = (List<Map<String, Object>>) f.values().get(entry.toUpperCase(Locale.ROOT));
                    lines.add(v);
                }
            }
        }
        Map<String, List<Found>> out = new LinkedHashMap<>();
        byId.forEach((id, f) -> out.computeIfAbsent(groupOf.get(id), k -> new ArrayList<>()).add(f));
        return out;
    }

    /** The query keys a model's fields are read back by: header and sub-head fields in keys, entry fields by entry. */
    private static void collect(Map<String, Object> model, Set<String> keys, Map<String, Set<String>> entries) {
        model.forEach((k, v) -> {
            if (v instanceof List<?> lines) {
                Set<String> mine = entries.computeIfAbsent(k, x -> new LinkedHashSet<>());
                for (Object line : lines) {
                    if (line instanceof Map<?, ?> l) {
                        l.forEach((lk, lv) -> {
                            String q = queryKey(lk.toString(), lv);
                            if (q != null) {
                                mine.add(q);
                            }
                        });
                    }
                }
            } else if (isSubHead(v)) {
                @SuppressWarnings("unchecked")
                Map<String, Object> sub = (Map<String, Object>) v;
                collect(sub, keys, entries);
            } else {
                String q = queryKey(k, v);
                if (q != null) {
                    add(keys, q);
                }
            }
        });
    }

    private static void add(Set<String> keys, String key) {
        if (keys.stream().noneMatch(x -> x.equalsIgnoreCase(key))) {
            keys.add(key);
        }
    }

    /** A nested object that is not a reference by number: a sub-head (FSaleOrderFinance), whose fields are the form's. */
    static boolean isSubHead(Object v) {
        return v instanceof Map<?, ?> m && !(m.size() == 1 && m.containsKey("FNumber"));
    }

    /** The query key of a model field: itself for a value, K.FNumber for a reference by number, null if not comparable. */
    static String queryKey(String key, Object value) {
        if (value instanceof Map<?, ?> ref) {
            return ref.size() == 1 && ref.containsKey("FNumber") ? key + ".FNumber" : null;
        }
        return value instanceof List ? null : key;
    }

    /**
     * True when every field of the model holds what Kingdee holds: references by their number, a sub-head's fields as
     * the form's, entries line by line in their order (as many lines, each line's fields equal).
     */
    static boolean same(Map<String, Object> model, Map<String, Object> stored) {
        for (Map.Entry<String, Object> e : model.entrySet()) {
            Object v = e.getValue();
            if (v instanceof List<?> lines) {
                Object theirs = stored.get(e.getKey().toUpperCase(Locale.ROOT));
                if (!(theirs instanceof List<?> storedLines) || storedLines.size() != lines.size()) {
                    return false;
                }
                for (int i = 0; i < lines.size(); i++) {
                    if (!(lines.get(i) instanceof Map<?, ?> line) || !(storedLines.get(i) instanceof Map<?, ?> s)) {
                        return false;
                    }
                    @SuppressWarnings("unchecked")
                    boolean equal = same((Map<String, Object>) line, (Map<String, Object>) s);
                    if (!equal) {
                        return false;
                    }
                }
                continue;
            }
            if (isSubHead(v)) {
                @SuppressWarnings("unchecked")
                Map<String, Object> sub = (Map<String, Object>) v;
                if (!same(sub, stored)) {
                    return false;
                }
                continue;
            }
            String q = queryKey(e.getKey(), v);
            if (q == null) {
                return false;
            }
            Object mine = v instanceof Map<?, ?> ref ? ref.get("FNumber") : v;
            if (!equal(mine, stored.get(q.toUpperCase(Locale.ROOT)))) {
                return false;
            }
        }
        return true;
    }

    private static boolean equal(Object mine, Object theirs) {
        String a = mine == null ? "" : mine.toString();
        String b = theirs == null ? "" : theirs.toString();
        if (a.equals(b)) {
            return true;
        }
        if (a.matches("\\d{4}-\\d{2}-\\d{2}") && b.startsWith(a + "T00:00:00")) {
            return true; // a date field: Kingdee answers it as a date-time at midnight
        }
        try {
            return new BigDecimal(a).compareTo(new BigDecimal(b)) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static String quote(String v) {
        return "'" + v.replace("'", "''") + "'";
    }

    static String text(Object v) {
        return v == null ? null : v instanceof BigDecimal d ? d.toPlainString() : v.toString();
    }
}
