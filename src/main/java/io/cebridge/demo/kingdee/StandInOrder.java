package io.cebridge.demo.kingdee;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;

/**
 * ExecuteBillQuery's {@code OrderString} ("FModifyDate ASC, FID ASC") as a comparator of the stand-in's rows (keys upper
 * case): numbers compare as numbers, everything else as its text (Kingdee's date-times sort as text).
 */
final class StandInOrder {
    private StandInOrder() {
    }

    /** The rows' order, or null when {@code order} names none. */
    static Comparator<Map<String, Object>> of(String order) {
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
        return by;
    }

    private static String sortable(Object v) {
        if (v instanceof Number n) {
            return n instanceof BigDecimal d && d.scale() > 0 ? d.toPlainString()
                    : String.format(Locale.ROOT, "%020d", n.longValue());
        }
        return v == null ? "" : v.toString();
    }
}
