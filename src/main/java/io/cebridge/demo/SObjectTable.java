package io.cebridge.demo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The records of one demo sObject type, as stored: a field is spelled as the first write spelled it (the describe's
 * spelling for described types, see {@link DemoObjectStore}; Salesforce field names are case-insensitive); which
 * fields a type has is its describe's business, not the table's. Records are immutable maps replaced on update, so a
 * query snapshot never sees later writes. Not thread-safe; {@link DemoObjectStore} locks.
 */
final class SObjectTable {
    static final String ID = "Id";
    static final List<String> SYSTEM_FIELDS = List.of(ID, "CreatedDate", "LastModifiedDate", "SystemModstamp",
            "LastModifiedById");

    private final String name;
    private final String keyPrefix;
    private final Map<String, Map<String, Object>> byId = new LinkedHashMap<>();
    private final Map<String, String> fieldNames = new LinkedHashMap<>();
    private long nextSequence = 1;

    SObjectTable(String name, String keyPrefix) {
        this.name = name;
        this.keyPrefix = keyPrefix;
        SYSTEM_FIELDS.forEach(this::canonical);
    }

    String name() {
        return name;
    }

    int size() {
        return byId.size();
    }

    /** The field's spelling in this table, or empty when no write has used it. */
    Optional<String> field(String given) {
        return Optional.ofNullable(fieldNames.get(given.toLowerCase(Locale.ROOT)));
    }

    Optional<Map<String, Object>> get(String id) {
        String key = SalesforceIds.isWellFormed(id) ? SalesforceIds.normalise(id) : id;
        return Optional.ofNullable(byId.get(key));
    }

    /** Records whose field matches the value (see {@link SObjectValues#same}), in creation order. */
    List<Map<String, Object>> findBy(String field, Object value) {
        List<Map<String, Object>> out = new ArrayList<>();
        Optional<String> canonical = field(field);
        if (canonical.isEmpty()) {
            return out;
        }
        for (Map<String, Object> r : byId.values()) {
            if (SObjectValues.same(r.get(canonical.get()), value)) {
                out.add(r);
            }
        }
        return out;
    }

    List<Map<String, Object>> all() {
        return new ArrayList<>(byId.values());
    }

    String insert(Map<String, Object> fields, String now, String userId) {
        String id = SalesforceIds.of(keyPrefix, nextSequence++);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put(ID, id);
        r.put("CreatedDate", now);
        put(r, fields, now, userId);
        return id;
    }

    void update(String id, Map<String, Object> fields, String now, String userId) {
        Map<String, Object> r = new LinkedHashMap<>(get(id).orElseThrow());
        put(r, fields, now, userId);
    }

    private void put(Map<String, Object> r, Map<String, Object> fields, String now, String userId) {
        fields.forEach((k, v) -> r.put(canonical(k), v));
        r.put("LastModifiedDate", now);
        r.put("SystemModstamp", now);
        r.put("LastModifiedById", userId);
        byId.put((String) r.get(ID), Collections.unmodifiableMap(r));
    }

    private String canonical(String given) {
        return fieldNames.computeIfAbsent(given.toLowerCase(Locale.ROOT), k -> given);
    }
}
