package io.cebridge.flow.erptocrm;

import io.cebridge.connector.crm.CrmRecordWriter;
import io.cebridge.connector.crm.SaveResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The "match" write: for CRM objects without an external id field (DatedConversionRate), finds the records by the
 * match fields, updates the ones found and creates the others. Without an external id the CRM cannot do this in one
 * idempotent call, so a record found is never created again: a re-sent document updates what is there. A failed
 * attempt is retried (by the route's redelivery of the write step) from the lookup, so a create that Salesforce
 * applied but answered too late is found on the next attempt and updated rather than created twice.
 */
final class MatchWrite {
    private static final java.util.regex.Pattern DATE = java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private MatchWrite() {
    }

    /** One result per record, in order; a record matching more than one CRM record fails rather than guessing. */
    static List<SaveResult> write(CrmRecordWriter crm, CrmWrite w, List<Map<String, Object>> records) {
        Map<List<String>, List<String>> found = find(crm, w, records);
        List<Integer> updates = new ArrayList<>();
        List<Integer> creates = new ArrayList<>();
        SaveResult[] results = new SaveResult[records.size()];
        for (int i = 0; i < records.size(); i++) {
            List<String> ids = found.getOrDefault(key(w.matchOn(), records.get(i)), List.of());
            if (ids.size() > 1) {
                results[i] = new SaveResult(null, false, "AMBIGUOUS_MATCH", ids.size() + " " + w.sobject()
                        + " records match " + key(w.matchOn(), records.get(i)) + " (" + String.join(", ", ids) + ")");
            } else {
                (ids.isEmpty() ? creates : updates).add(i);
            }
        }
        if (!updates.isEmpty()) {
            List<Map<String, Object>> body = new ArrayList<>();
            for (int i : updates) {
                Map<String, Object> r = new LinkedHashMap<>(records.get(i));
                w.matchOn().forEach(r::remove); // the fields a record is found by are often not updateable
                r.put("Id", found.get(key(w.matchOn(), records.get(i))).get(0));
                body.add(r);
            }
            fill(results, updates, crm.update(w.sobject(), body, false));
        }
        if (!creates.isEmpty()) {
            fill(results, creates, crm.create(w.sobject(), creates.stream().map(records::get).toList(), false));
        }
        return java.util.Arrays.asList(results);
    }

    /** Match key -> ids of the CRM records having it; one query per combination of all match fields but the first. */
    private static Map<List<String>, List<String>> find(CrmRecordWriter crm, CrmWrite w, List<Map<String, Object>> records) {
        List<String> on = w.matchOn();
        Map<List<String>, List<Map<String, Object>>> byRest = new LinkedHashMap<>();
        records.forEach(r -> byRest.computeIfAbsent(key(on, r).subList(1, on.size()), k -> new ArrayList<>()).add(r));
        Map<List<String>, List<String>> out = new LinkedHashMap<>();
        for (List<Map<String, Object>> group : byRest.values()) {
            StringBuilder soql = new StringBuilder("SELECT Id, ").append(String.join(", ", on)).append(" FROM ")
                    .append(w.sobject()).append(" WHERE ");
            for (String f : on.subList(1, on.size())) {
                soql.append(f).append(" = ").append(literal(group.get(0).get(f))).append(" AND ");
            }
            soql.append(on.get(0)).append(" IN (").append(String.join(",", group.stream()
                    .map(r -> literal(r.get(on.get(0)))).distinct().toList())).append(")");
            for (Map<String, Object> found : crm.find(soql.toString())) {
                out.computeIfAbsent(key(on, found), k -> new ArrayList<>()).add(String.valueOf(found.get("Id")));
            }
        }
        return out;
    }

    private static List<String> key(List<String> on, Map<String, Object> r) {
        return on.stream().map(f -> Objects.toString(r.get(f), null)).toList();
    }

    /** SOQL literal: dates (yyyy-MM-dd), numbers and booleans bare, everything else quoted and escaped. */
    static String literal(Object v) {
        if (v instanceof Number || v instanceof Boolean || DATE.matcher(String.valueOf(v)).matches()) {
            return String.valueOf(v);
        }
        return "'" + String.valueOf(v).replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** Puts the answers of a sub-call at the positions of its records in the whole call. */
    static void fill(SaveResult[] results, List<Integer> at, List<SaveResult> answered) {
        for (int j = 0; j < at.size(); j++) {
            results[at.get(j)] = j < answered.size() ? answered.get(j) : null;
        }
    }
}
