package io.cebridge.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Resolves a relationship given by external id, {@code "Account__r": {"ERP_Customer_No__c": "100001"}}, to the
 * referenced record's id in the lookup field ({@code Account__c}), as Salesforce does on write; the lookup field and
 * the type it refers to come from the describe, a nested {@code "attributes": {"type": ..}} wins.
 */
final class RelationshipResolver {
    /** The lookup field and id to store, or the save error to report instead. */
    record Resolved(String idField, String id, Map<String, Object> error) {
    }

    private final DemoAccountStore accounts;
    private final DemoObjectStore objects;

    RelationshipResolver(DemoAccountStore accounts, DemoObjectStore objects) {
        this.accounts = accounts;
        this.objects = objects;
    }

    /**
     * Resolves a relationship of a described field: the lookup field and the type it refers to come from the
     * describe (a nested {@code "attributes": {"type": ..}} still wins, as for a polymorphic lookup).
     */
    Resolved resolve(String idField, String referencedType, Map<?, ?> reference) {
        String type = referencedType;
        String field = null;
        Object value = null;
        int keys = 0;
        for (Map.Entry<?, ?> e : reference.entrySet()) {
            if (String.valueOf(e.getKey()).equals("attributes")) {
                if (e.getValue() instanceof Map<?, ?> a && a.get("type") != null) {
                    type = String.valueOf(a.get("type"));
                }
            } else {
                field = String.valueOf(e.getKey());
                value = SObjectValues.stored(e.getValue());
                keys++;
            }
        }
        if (keys != 1 || value == null || type == null) {
            return failed(idField, "INVALID_FIELD", "A relationship must name exactly one external id field and its"
                    + " value: " + idField);
        }
        List<String> ids = type.equalsIgnoreCase("Account") ? accountIds(field, value) : objectIds(type, field, value);
        if (ids.isEmpty()) {
            // Salesforce's own wording, so the bridge dead-letters with the text it would get from a real org.
            return failed(idField, "INVALID_FIELD", "Foreign key external ID: " + value + " not found for field "
                    + field + " in entity " + type);
        }
        if (ids.size() > 1) {
            return failed(idField, "DUPLICATE_EXTERNAL_ID", "Foreign key external ID: " + value + " matches "
                    + ids.size() + " records for field " + field + " in entity " + type);
        }
        return new Resolved(idField, ids.get(0), null);
    }

    private List<String> accountIds(String field, Object value) {
        List<String> ids = new ArrayList<>();
        AccountFields.find(field).ifPresent(f -> accounts.scanById(row -> SObjectValues.same(row.get(f.index()), value))
                .forEach(row -> ids.add(row.id())));
        return ids;
    }

    private List<String> objectIds(String type, String field, Object value) {
        List<String> ids = new ArrayList<>();
        objects.findBy(type, field, value).forEach(r -> ids.add((String) r.get(SObjectTable.ID)));
        return ids;
    }

    private static Resolved failed(String idField, String code, String message) {
        return new Resolved(idField, null, SalesforceErrors.record(code, message, List.of(idField)));
    }
}
