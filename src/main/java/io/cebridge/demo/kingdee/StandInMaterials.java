package io.cebridge.demo.kingdee;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The stand-in's BD_MATERIAL (物料) documents, added by the test or demo that uses them (no Save on this form): what a
 * sales order's lines refer to by FNumber. A forbidden material (FForbidStatus B) exists but may not be ordered.
 */
final class StandInMaterials {
    static final String FORM = "BD_MATERIAL";
    private static final Set<String> FIELDS = Set.of("FMATERIALID", "FNUMBER", "FNAME", "FSPECIFICATION", "FUSEORGID",
            "FCREATEORGID", "FDOCUMENTSTATUS", "FFORBIDSTATUS", "FMODIFYDATE");
    private final Map<String, Map<String, Object>> byNumber = new LinkedHashMap<>();
    private long nextId = 200001;

    synchronized void add(String number, String name, boolean forbidden, String org) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("FMATERIALID", nextId++);
        m.put("FNUMBER", number);
        m.put("FNAME", name);
        m.put("FCREATEORGID", Map.of("FNumber", org));
        m.put("FUSEORGID", Map.of("FNumber", org));
        m.put("FDOCUMENTSTATUS", "C");
        m.put("FFORBIDSTATUS", forbidden ? "B" : "A");
        m.put("FMODIFYDATE", java.time.LocalDateTime.now().withNano(0).toString());
        byNumber.put(number, m);
    }

    /** The material of that number, null when Kingdee has none. */
    synchronized Map<String, Object> get(String number) {
        return number == null ? null : byNumber.get(number);
    }

    boolean hasField(String key) {
        String k = key.toUpperCase(Locale.ROOT);
        int dot = k.indexOf('.');
        return FIELDS.contains(dot < 0 ? k : k.substring(0, dot));
    }

    synchronized List<Map<String, Object>> flat() {
        List<Map<String, Object>> out = new ArrayList<>();
        byNumber.values().forEach(d -> {
            Map<String, Object> m = new HashMap<>();
            StandInRows.flatten(d, m);
            out.add(m);
        });
        return out;
    }
}
