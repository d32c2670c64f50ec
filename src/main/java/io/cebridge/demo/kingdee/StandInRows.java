package io.cebridge.demo.kingdee;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/** ExecuteBillQuery over flat rows (upper-case keys): filtered, ordered by OrderString, paged by StartRow / Limit. */
final class StandInRows {
    private StandInRows() {
    }

    static List<List<Object>> query(List<Map<String, Object>> flat, List<String> keys, Predicate<Map<String, Object>> filter,
                                    String order, int start, int limit) {
        List<Map<String, Object>> selected = new ArrayList<>(flat.stream().filter(filter).toList());
        Comparator<Map<String, Object>> by = null;
        for (String part : order == null ? new String[0] : order.split(",")) {
            String[] p = part.strip().split("\\s+");
            if (p[0].isBlank()) {
                continue;
            }
            String key = p[0].toUpperCase(Locale.ROOT);
            Comparator<Map<String, Object>> c = Comparator.comparing(m -> sortable(m.get(key)));
            c = p.length > 1 && p[1].equalsIgnoreCase("DESC") ? c.reversed() : c;
            by = by == null ? c : by.thenComparing(c);
        }
        if (by != null) {
            selected.sort(by);
        }
        List<List<Object>> rows = new ArrayList<>();
        for (int i = start; i < selected.size() && rows.size() < limit; i++) {
            Map<String, Object> m = selected.get(i);
            List<Object> row = new ArrayList<>();
            keys.forEach(k -> row.add(m.get(k.strip().toUpperCase(Locale.ROOT))));
            rows.add(row);
        }
        return rows;
    }

    /** A reference's number ({"FNumber": ..} or {"FNUMBER": ..}), or null. */
    static String number(Object ref) {
        if (ref instanceof Map<?, ?> m) {
            Object n = m.get("FNumber") != null ? m.get("FNumber") : m.get("FNUMBER");
            return n == null || n.toString().isBlank() ? null : n.toString();
        }
        return null;
    }

    /** Puts a document's values into {@code into}: references as KEY and KEY.FNUMBER (their number), upper-case keys. */
    static void flatten(Map<String, Object> doc, Map<String, Object> into) {
        doc.forEach((k, v) -> {
            if (v instanceof Map<?, ?>) {
                into.put(k + ".FNUMBER", number(v));
                into.put(k, number(v));
            } else if (!(v instanceof List)) {
                into.put(k, v);
            }
        });
    }

    private static String sortable(Object v) {
        if (v instanceof Number n) {
            return String.format(Locale.ROOT, "%020d", n.longValue());
        }
        return v == null ? "" : v.toString();
    }
}
