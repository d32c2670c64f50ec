package io.cebridge.connector.erp.kingdee;

import io.cebridge.connector.erp.ErpRecordWriter.Outcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * For records that have no document of their own yet, decides by a field such as the tax code (统一社会信用代码) what
 * the JDBC claim does: a document made by hand (no CRM id) is claimed (updated with the CRM id and the mapped fields),
 * one another record owns is shared (linked to its number, nothing written), and records of one batch sharing a value
 * make one document (the first creates it, the others link to it).
 */
final class KingdeeClaims {
    private final KingdeeLookup lookup;
    private final KingdeeFormWriter.Target target;
    private final KingdeeFormWriter writer;

    KingdeeClaims(KingdeeLookup lookup, KingdeeFormWriter.Target target, KingdeeFormWriter writer) {
        this.lookup = lookup;
        this.target = target;
        this.writer = writer;
    }

    /**
     * Adds the claims to {@code claims}, sets LINKED outcomes for records sharing another record's document, and
     * returns the records that link to a record of this batch created before them (record -> that record).
     */
    Map<Integer, Integer> decide(List<Integer> creates, List<Map<String, Object>> models, KingdeeFormWriter.Writes claims,
                                 Outcome[] out) {
        Map<Integer, String> valueOf = new LinkedHashMap<>();
        for (int i : creates) {
            String v = value(models.get(i));
            if (v != null) {
                valueOf.put(i, v);
            }
        }
        if (valueOf.isEmpty()) {
            return Map.of();
        }
        Map<String, List<KingdeeLookup.Found>> docs = lookup.by(target.claimField(),
                valueOf.values().stream().distinct().toList(), valueOf.keySet().stream().map(models::get).toList());
        Set<String> taken = new HashSet<>();
        Map<String, Integer> firstNew = new HashMap<>();
        Map<Integer, Integer> links = new LinkedHashMap<>();
        valueOf.forEach((i, v) -> {
            List<KingdeeLookup.Found> candidates = docs.getOrDefault(v, new ArrayList<>());
            for (KingdeeLookup.Found f : candidates) {
                if (blank(f.crmId()) && taken.add(f.id())) {
                    claims.add(i, writer.updateModel(f, models.get(i)));
                    firstNew.putIfAbsent(v, i); // later records with this value share the claimed document
                    return;
                }
            }
            for (KingdeeLookup.Found f : candidates) {
                if (!blank(f.crmId())) {
                    out[i] = new Outcome(Outcome.Kind.LINKED, f.number(), null, f.id());
                    return;
                }
            }
            Integer first = firstNew.putIfAbsent(v, i);
            if (first != null) {
                links.put(i, first);
            }
        });
        return links;
    }

    private String value(Map<String, Object> model) {
        for (Map.Entry<String, Object> e : model.entrySet()) {
            if (e.getKey().equalsIgnoreCase(target.claimField()) && e.getValue() != null
                    && !e.getValue().toString().isBlank() && !(e.getValue() instanceof Map)) {
                return e.getValue().toString();
            }
        }
        return null;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
