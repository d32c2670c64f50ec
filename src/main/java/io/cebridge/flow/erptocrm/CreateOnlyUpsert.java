package io.cebridge.flow.erptocrm;

import io.cebridge.connector.crm.CrmRecordWriter;
import io.cebridge.connector.crm.SaveResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An upsert with create-only fields. Salesforce's upsert by external id updates a matched record "according to the
 * request body" (REST API Developer Guide, "Upsert Records Using sObject Rows by External ID"), so a body that carries a
 * field without the Update property (PricebookEntry's Product2Id and Pricebook2Id: "It can't be changed in an update",
 * Object Reference) is refused with INVALID_FIELD_FOR_INSERT_UPDATE once the record exists, even with the same value.
 * So the records are looked up by external id first: those that exist are upserted without the create-only fields,
 * the others with them. A record created by someone else between the two calls fails with the CRM's error and is sent
 * again by the document's retry, which then finds it.
 */
final class CreateOnlyUpsert {
    private static final int KEYS_PER_QUERY = 100;

    private CreateOnlyUpsert() {
    }

    /** One result per record, in order. */
    static List<SaveResult> write(CrmRecordWriter crm, CrmWrite w, List<Map<String, Object>> records) {
        Set<String> existing = existing(crm, w, records);
        List<Integer> updates = new ArrayList<>();
        List<Integer> creates = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            (existing.contains(key(records.get(i).get(w.externalId()))) ? updates : creates).add(i);
        }
        SaveResult[] results = new SaveResult[records.size()];
        if (!creates.isEmpty()) {
            MatchWrite.fill(results, creates, crm.upsert(w.sobject(), w.externalId(), creates.stream().map(records::get).toList(),
                    false));
        }
        if (!updates.isEmpty()) {
            List<Map<String, Object>> body = new ArrayList<>();
            for (int i : updates) {
                Map<String, Object> r = new LinkedHashMap<>(records.get(i));
                r.keySet().removeIf(f -> w.createOnly().stream().anyMatch(f::equalsIgnoreCase));
                body.add(r);
            }
            MatchWrite.fill(results, updates, crm.upsert(w.sobject(), w.externalId(), body, false));
        }
        return java.util.Arrays.asList(results);
    }

    // Salesforce matches external ids ignoring case, so the lookup does too. The ids go in the query's URL, which
    // Salesforce limits to 16,384 bytes: at most KEYS_PER_QUERY per query keeps long keys well inside it.
    private static Set<String> existing(CrmRecordWriter crm, CrmWrite w, List<Map<String, Object>> records) {
        List<String> literals = records.stream().map(r -> MatchWrite.literal(r.get(w.externalId()))).distinct().toList();
        Set<String> out = new HashSet<>();
        for (int from = 0; from < literals.size(); from += KEYS_PER_QUERY) {
            String soql = "SELECT " + w.externalId() + " FROM " + w.sobject() + " WHERE " + w.externalId() + " IN ("
                    + String.join(",", literals.subList(from, Math.min(literals.size(), from + KEYS_PER_QUERY))) + ")";
            for (Map<String, Object> found : crm.find(soql)) {
                found.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(w.externalId()))
                        .forEach(e -> out.add(key(e.getValue())));
            }
        }
        return out;
    }

    private static String key(Object value) {
        return String.valueOf(value).toLowerCase(Locale.ROOT);
    }
}
