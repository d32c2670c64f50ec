package io.cebridge.reconcile;

import io.cebridge.flow.erptocrm.CrmWrite;
import io.cebridge.store.DeadLetter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Matches the CRM writes an ERP -> CRM flow would make for every ERP document ({@link ExpectedDocuments}) with the CRM
 * records as read, by each write's identity (the external id of an upsert, the Id of an update, the match fields of a
 * match), and reports per document: agrees, only in the ERP (none of its records is in the CRM), different (a field
 * differs, or some of its records are missing), refused, or dead-lettered; and per CRM record the flow upserts that no
 * ERP document writes any more: only in the CRM. Pure: reads nothing itself.
 */
final class DocumentComparison {
    /** Field names that can go into SOQL; anything else (a key a mapping made up) is never compared. */
    static final Pattern FIELD = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    /** Which CRM records a write addresses and by what: its sobject, operation and identity fields. */
    record WriteKey(String sobject, String operation, List<String> identity) {
        static WriteKey of(CrmWrite w) {
            return new WriteKey(w.sobject(), w.operation(), switch (w.operation()) {
                case CrmWrite.UPDATE -> List.of("Id");
                case CrmWrite.MATCH -> w.matchOn();
                default -> List.of(w.externalId());
            });
        }

        /** The record's identity under this write: its identity fields' values, joined. */
        String identityOf(Map<String, Object> record) {
            Map<String, Object> r = caseInsensitive(record);
            return String.join("|", identity.stream().map(f -> String.valueOf(r.get(f))).toList());
        }

        /** Upserted by an external id: a CRM record with that id set is one the flow wrote. */
        boolean ownsRecords() {
            return CrmWrite.UPSERT.equals(operation);
        }

        String describe() {
            return sobject + " " + String.join(",", identity);
        }
    }

    record Result(List<Finding> findings, int agree) {
    }

    private DocumentComparison() {
    }

    /** The fields every write of these documents sets (scalar values with a field's name), by write. */
    static Map<WriteKey, Set<String>> fields(List<ExpectedDocuments.Expected> docs) {
        Map<WriteKey, Set<String>> out = new LinkedHashMap<>();
        for (ExpectedDocuments.Expected d : docs) {
            if (d.refused()) {
                continue;
            }
            for (CrmWrite w : d.writes()) {
                Set<String> f = out.computeIfAbsent(WriteKey.of(w), k -> new LinkedHashSet<>(k.identity()));
                w.records().forEach(r -> r.forEach((k, v) -> {
                    if (compared(k, v)) {
                        f.add(k);
                    }
                }));
            }
        }
        return out;
    }

    /** {@code crm}: the CRM records read for each write, by identity. */
    static Result compare(List<ExpectedDocuments.Expected> docs, Map<String, DeadLetter> letters,
                          Map<WriteKey, Map<String, Map<String, Object>>> crm) {
        List<Finding> findings = new ArrayList<>();
        Map<WriteKey, Set<String>> known = new HashMap<>();
        int agree = 0;
        for (ExpectedDocuments.Expected d : docs) {
            DeadLetter letter = letters.get(d.sourceId());
            if (d.refused()) {
                findings.add(letter != null ? deadLettered(d, letter, null) : Finding.of(Finding.Kind.REFUSED, null,
                        d.sourceId(), "the flow refuses the document as it is now: " + d.refusedCode() + ": "
                                + d.refusedReason()));
                continue;
            }
            String crmId = null;
            int records = 0;
            List<String> missing = new ArrayList<>();
            List<Finding.ColumnDifference> diffs = new ArrayList<>();
            for (CrmWrite w : d.writes()) {
                WriteKey key = WriteKey.of(w);
                for (Map<String, Object> expected : w.records()) {
                    records++;
                    String identity = key.identityOf(expected);
                    known.computeIfAbsent(key, k -> new HashSet<>()).add(identity);
                    Map<String, Object> found = crm.getOrDefault(key, Map.of()).get(identity);
                    if (found == null) {
                        missing.add(w.sobject() + " " + identity);
                        continue;
                    }
                    Map<String, Object> have = caseInsensitive(found);
                    crmId = crmId != null ? crmId : String.valueOf(have.get("Id"));
                    expected.forEach((field, want) -> {
                        if (compared(field, want) && !CrmValueComparison.same(want, have.get(field))) {
                            diffs.add(new Finding.ColumnDifference(w.sobject() + "[" + identity + "]." + field,
                                    have.get(field), want));
                        }
                    });
                }
            }
            if (missing.isEmpty() && diffs.isEmpty()) {
                agree++;
            } else if (letter != null) {
                findings.add(deadLettered(d, letter, crmId));
            } else if (records > 0 && missing.size() == records) {
                findings.add(Finding.of(Finding.Kind.ONLY_IN_ERP, null, d.sourceId(), "none of its " + records
                        + " CRM record(s) is in the CRM (never delivered, or deleted in the CRM): " + list(missing)));
            } else {
                findings.add(new Finding(Finding.Kind.DIFFERENT, crmId, d.sourceId(), missing.isEmpty() ? ""
                        : "missing in the CRM: " + list(missing), diffs));
            }
        }
        crm.forEach((key, records) -> {
            if (!key.ownsRecords()) {
                return;
            }
            Set<String> expected = known.getOrDefault(key, Set.of());
            records.forEach((identity, r) -> {
                if (!expected.contains(identity)) {
                    findings.add(Finding.of(Finding.Kind.ONLY_IN_CRM, String.valueOf(caseInsensitive(r).get("Id")),
                            identity, key.sobject() + " " + key.identity().get(0) + " " + identity
                                    + ": no ERP document of the flow writes it now (deleted in the ERP?);"
                                    + " reported, never deleted"));
                }
            });
        });
        return new Result(findings, agree);
    }

    /** Whether a mapped field is compared: a field name with a scalar value (relationships by external id are not). */
    static boolean compared(String field, Object value) {
        return FIELD.matcher(field).matches() && !(value instanceof Map) && !(value instanceof java.util.Collection);
    }

    private static Finding deadLettered(ExpectedDocuments.Expected d, DeadLetter letter, String crmId) {
        return Finding.of(Finding.Kind.DEAD_LETTERED, crmId, d.sourceId(), "dead letter " + letter.id() + " "
                + letter.reasonCode() + " (" + letter.status() + ", stage " + letter.stage() + ")");
    }

    private static String list(List<String> records) {
        return records.size() <= 5 ? String.join(", ", records)
                : String.join(", ", records.subList(0, 5)) + " and " + (records.size() - 5) + " more";
    }

    static Map<String, Object> caseInsensitive(Map<String, Object> record) {
        Map<String, Object> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        m.putAll(record);
        return m;
    }
}
