package io.cebridge.flow.crmtoerp;

import io.cebridge.connector.erp.jdbc.JdbcUpsertWriter;
import io.cebridge.connector.erp.jdbc.UpsertFailure;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes each record as the rows of one ERP table its mapping lists under {@code rows} (an opportunity's lines): a
 * row is found by its own key column, the record's rows by the parent column holding its CRM id; rows the record no
 * longer lists are deleted, rows whose content did not change are not written again.
 */
public final class ErpLines {
    private final JdbcUpsertWriter erp;
    private final String key;
    private final String parent;

    /** {@code key}: the column identifying a row (e.g. the CRM line id); {@code parent}: the column holding the record's CRM id. */
    public ErpLines(JdbcUpsertWriter erp, String key, String parent) {
        this.erp = erp;
        this.key = key;
        this.parent = parent;
    }

    /** The rows the mapping made of a record, or the reason they cannot be written as they are. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> rows(FlowRecord r, List<String> problems) {
        Object rows = r.erpRow.get("rows");
        if (!(rows instanceof List<?> list)) {
            problems.add("the mapping must produce {\"rows\": [...]} (one object per ERP row), got keys " + r.erpRow.keySet());
            return List.of();
        }
        List<Map<String, Object>> out = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> m)) {
                problems.add("each entry of rows must be an object");
                continue;
            }
            Map<String, Object> row = (Map<String, Object>) m;
            Object k = row.get(key);
            if (k == null || !keys.add(k.toString())) {
                problems.add("row " + (out.size() + 1) + ": " + key + " is " + (k == null ? "missing" : "repeated ('" + k
                        + "')"));
            }
            if (!r.sourceId.equals(String.valueOf(row.get(parent)))) {
                problems.add("row " + (out.size() + 1) + ": " + parent + " must be the record's id " + r.sourceId);
            }
            erp.check(row).forEach(p -> problems.add("row " + k + ": " + p));
            out.add(row);
        }
        return out;
    }

    /** Writes the records' rows and deletes the rows they dropped; returns the records the ERP refused, with the reason. */
    Map<FlowRecord, String> apply(Map<FlowRecord, List<Map<String, Object>>> todo) {
        Map<String, Map<String, Map<String, Object>>> existing = new HashMap<>();
        erp.findBy(parent, todo.keySet().stream().map(r -> r.sourceId).toList(), List.of(key)).forEach(row ->
                existing.computeIfAbsent(String.valueOf(row.get(parent)), p -> new HashMap<>())
                        .put(String.valueOf(row.get(key)), row));
        List<Map<String, Object>> writes = new ArrayList<>();
        List<FlowRecord> writer = new ArrayList<>();
        List<Object> deletes = new ArrayList<>();
        Map<FlowRecord, FlowRecord.Outcome> outcome = new IdentityHashMap<>();
        todo.forEach((r, rows) -> {
            Map<String, Map<String, Object>> before = existing.getOrDefault(r.sourceId, Map.of());
            Set<String> kept = new HashSet<>();
            boolean changed = false;
            for (Map<String, Object> row : rows) {
                String k = String.valueOf(row.get(key));
                kept.add(k);
                Map<String, Object> old = before.get(k);
                if (old == null || !erp.sameContent(old, row)) {
                    writes.add(row);
                    writer.add(r);
                    changed = true;
                }
            }
            for (String k : before.keySet()) {
                if (!kept.contains(k)) {
                    deletes.add(before.get(k).get(key));
                    changed = true;
                }
            }
            outcome.put(r, before.isEmpty() ? (rows.isEmpty() ? FlowRecord.Outcome.UNCHANGED : FlowRecord.Outcome.CREATED)
                    : changed ? FlowRecord.Outcome.UPDATED : FlowRecord.Outcome.UNCHANGED);
        });
        Map<FlowRecord, String> refused = new IdentityHashMap<>();
        for (UpsertFailure f : erp.upsert(writes)) {
            refused.putIfAbsent(writer.get(f.index()), f.describe("row " + writes.get(f.index()).get(key)));
        }
        erp.delete(key, deletes);
        outcome.forEach((r, o) -> {
            if (!refused.containsKey(r)) {
                r.outcome = o;
                r.erpNo = r.sourceId; // the record's rows are known by its CRM id: the cross-reference keeps its version
            }
        });
        return refused;
    }
}
