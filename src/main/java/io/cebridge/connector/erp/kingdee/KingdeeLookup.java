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

    /** The documents whose {@code field} holds one of {@code values}, oldest first, grouped by that value. */
    Map<String, List<Found>> by(String field, List<String> values, List<Map<String, Object>> models) {
        Set<String> keys = new LinkedHashSet<>(List.of(target.idField(), target.numberField(), target.crmIdField(),
                "FDocumentStatus"));
        if (keys.stream().noneMatch(x -> x.equalsIgnoreCase(field))) {
            keys.add(field);
        }
        for (Map<String, Object> m : models) {
            m.forEach((k, v) -> {
                String q = queryKey(k, v);
                if (q != null && keys.stream().noneMatch(x -> x.equalsIgnoreCase(q))) {
                    keys.add(q);
                }
            });
        }
        List<String> fieldKeys = List.copyOf(keys);
        int groupAt = 0;
        while (!fieldKeys.get(groupAt).equalsIgnoreCase(field)) {
            groupAt++;
        }
        Map<String, List<Found>> out = new LinkedHashMap<>();
        for (int from = 0; from < values.size(); from += CHUNK) {
            List<String> chunk = values.subList(from, Math.min(values.size(), from + CHUNK));
            StringBuilder filter = new StringBuilder(field).append(" IN (");
            for (int i = 0; i < chunk.size(); i++) {
                filter.append(i == 0 ? "" : ",").append(quote(chunk.get(i)));
            }
            filter.append(')');
            if (!target.orgNumber().isBlank()) {
                filter.append(" AND FUseOrgId.FNumber = ").append(quote(target.orgNumber()));
            }
            for (List<Object> row : forms.query(target.form(), fieldKeys, filter.toString(), target.idField() + " ASC",
                    KingdeeForms.MAX_PAGE)) {
                Map<String, Object> v = new HashMap<>();
                for (int i = 0; i < fieldKeys.size(); i++) {
                    v.put(fieldKeys.get(i).toUpperCase(Locale.ROOT), row.get(i));
                }
                out.computeIfAbsent(text(row.get(groupAt)), k -> new ArrayList<>()).add(new Found(text(row.get(0)),
                        text(row.get(1)), text(row.get(2)), text(row.get(3)), v));
            }
        }
        return out;
    }

    /** The query key of a model field: itself for a value, K.FNumber for a reference by number, null if not comparable. */
    static String queryKey(String key, Object value) {
        if (value instanceof Map<?, ?> ref) {
            return ref.size() == 1 && ref.containsKey("FNumber") ? key + ".FNumber" : null;
        }
        return value instanceof List ? null : key;
    }

    /** True when every field of the model holds what Kingdee holds; a model with entries is never taken as equal. */
    static boolean same(Map<String, Object> model, Map<String, Object> stored) {
        for (Map.Entry<String, Object> e : model.entrySet()) {
            String q = queryKey(e.getKey(), e.getValue());
            if (q == null) {
                return false;
            }
            Object mine = e.getValue() instanceof Map<?, ?> ref ? ref.get("FNumber") : e.getValue();
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
