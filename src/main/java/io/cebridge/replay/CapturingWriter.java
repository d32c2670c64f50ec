package io.cebridge.replay;

import io.cebridge.connector.crm.CrmRecordWriter;
import io.cebridge.connector.crm.SaveResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stands in for the CRM during a replay: keeps every write and answers success, as the CRM did when recorded; queries
 * by id list ({@code SELECT .. FROM Obj WHERE Field IN (..)}, as the enrichment steps send) are answered from the
 * records of other objects the case holds.
 */
final class CapturingWriter implements CrmRecordWriter {
    private static final java.util.regex.Pattern BY_IDS = java.util.regex.Pattern.compile(
            "(?is)^SELECT .+ FROM (\\w+) WHERE (\\w+) IN \\((.*)\\)$");
    private final Map<String, List<Map<String, Object>>> related;

    CapturingWriter() {
        this(Map.of());
    }

    /** {@code related}: records of other CRM objects by object name, e.g. the lines of a recorded opportunity. */
    CapturingWriter(Map<String, List<Map<String, Object>>> related) {
        this.related = related;
    }
    /** One captured record with the call it came in: "update", "upsert" (with its external id field) or "create". */
    record Write(String operation, String sobject, String externalIdField, Map<String, Object> record) {
    }

    private final List<Write> writes = new ArrayList<>();
    // Which external ids this replay has seen, so a second upsert of one record answers created=false as the CRM would.
    private final Set<String> upserted = new HashSet<>();
    private long nextId = 1;

    @Override
    public synchronized List<SaveResult> update(String sobject, List<Map<String, Object>> records, boolean allOrNone) {
        List<SaveResult> out = new ArrayList<>();
        for (Map<String, Object> r : records) {
            writes.add(new Write("update", sobject, null, new LinkedHashMap<>(r)));
            out.add(new SaveResult(String.valueOf(r.get("Id")), true, null, null));
        }
        return out;
    }

    @Override
    public synchronized List<SaveResult> upsert(String sobject, String externalIdField,
                                                List<Map<String, Object>> records, boolean allOrNone) {
        List<SaveResult> out = new ArrayList<>();
        for (Map<String, Object> r : records) {
            writes.add(new Write("upsert", sobject, externalIdField, new LinkedHashMap<>(r)));
            boolean created = upserted.add(sobject + "|" + externalIdField + "|" + r.get(externalIdField));
            out.add(new SaveResult(newId(), true, null, null, created));
        }
        return out;
    }

    @Override
    public synchronized List<SaveResult> create(String sobject, List<Map<String, Object>> records, boolean allOrNone) {
        List<SaveResult> out = new ArrayList<>();
        for (Map<String, Object> r : records) {
            writes.add(new Write("create", sobject, null, new LinkedHashMap<>(r)));
            out.add(new SaveResult(newId(), true, null, null, true));
        }
        return out;
    }

    /** The case's records of the queried object whose field is one of the ids; nothing else (a `match` write creates). */
    @Override
    public List<Map<String, Object>> find(String soql) {
        java.util.regex.Matcher m = BY_IDS.matcher(soql.strip());
        if (!m.matches()) {
            return List.of();
        }
        Set<String> ids = new HashSet<>();
        java.util.regex.Matcher q = java.util.regex.Pattern.compile("'([^']*)'").matcher(m.group(3));
        while (q.find()) {
            ids.add(q.group(1));
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> r : related.getOrDefault(m.group(1), List.of())) {
            if (ids.contains(String.valueOf(r.get(m.group(2))))) {
                out.add(new LinkedHashMap<>(r));
            }
        }
        return out;
    }

    /** The records of update calls (the customer-master write-backs), in call order. */
    synchronized List<Map<String, Object>> written() {
        return writes.stream().filter(w -> w.operation().equals("update")).map(Write::record).toList();
    }

    /** Every captured record of every call, in call order. */
    synchronized List<Write> writes() {
        return List.copyOf(writes);
    }

    // Fixed-width and numbered in call order, so a replay of the same case hands out the same ids every time.
    private String newId() {
        return String.format("REPLAY%012d", nextId++);
    }
}
