package io.cebridge.flow.crmtoerp;

import io.cebridge.connector.erp.jdbc.ErpQuery;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Completes records in delivery with what the ERP knows, for the mapping to check and use (a return line's original
 * order line: its price, what was invoiced and returned of it). The query's named parameters are taken from the
 * element (each element of the list {@code in}, or the record itself), then from the record's canonical fields;
 * {@code :sourceId} is the record's CRM id. The first row the query returns goes under {@code as} (absent when none).
 */
public final class ErpEnrichment {
    private ErpEnrichment() {
    }

    /** One record; a query the record's values make fail (a value of the wrong type) throws IllegalStateException. */
    @SuppressWarnings("unchecked")
    static void enrich(FlowRecord r, ErpQuery query, String in, String as) {
        if (in == null || in.isBlank()) {
            put(r.event, as, first(query, params(r, r.event)));
        } else if (r.event.get(in) instanceof List<?> elements) {
            for (Object e : elements) {
                if (e instanceof Map<?, ?> m) {
                    put((Map<String, Object>) m, as, first(query, params(r, (Map<String, Object>) m)));
                }
            }
        }
    }

    /** No row: the field is absent (not null), so a mapping tests it with $exists. */
    private static void put(Map<String, Object> target, String as, Map<String, Object> row) {
        if (row == null) {
            target.remove(as);
        } else {
            target.put(as, row);
        }
    }

    private static Map<String, Object> params(FlowRecord r, Map<String, Object> element) {
        Map<String, Object> p = new LinkedHashMap<>(r.event);
        p.putAll(element);
        p.put("sourceId", r.sourceId);
        return p;
    }

    private static Map<String, Object> first(ErpQuery query, Map<String, Object> params) {
        List<Map<String, Object>> rows = query.run(params);
        return rows.isEmpty() ? null : rows.get(0);
    }
}
