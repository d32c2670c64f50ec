package io.cebridge.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a create or update of a described sObject type the way Salesforce does from the field properties: the field
 * must exist, be createable (create) or updateable (update, and an upsert that matches a record); required fields
 * must have a value on create; text must fit its length; values must have the field's type; a restricted picklist
 * takes only its values; a unique field's value no other record may have; a reference must be a
 * 15/18-character id of an existing record of the referenced type, or a relationship by external id that resolves.
 * Error codes and texts are those Salesforce answers.
 */
final class DescribedWrites {
    private final DemoAccountStore accounts;
    private final DemoObjectStore objects;
    private final RelationshipResolver relationships;

    DescribedWrites(DemoAccountStore accounts, DemoObjectStore objects, RelationshipResolver relationships) {
        this.accounts = accounts;
        this.objects = objects;
        this.relationships = relationships;
    }

    /**
     * @param creating true for a create (and an upsert that creates), false for an update
     * @param derived  fields the object fills itself on this record, so they are not "required" of the client
     */
    CheckedFields check(SObjectDescribe type, Map<String, Object> raw, boolean creating, Set<String> derived) {
        Map<String, Object> values = new LinkedHashMap<>();
        List<Map<String, Object>> errors = new ArrayList<>();
        List<String> notWritable = new ArrayList<>();
        for (Map.Entry<String, Object> e : raw.entrySet()) {
            String key = e.getKey();
            if (key.equals("attributes")) {
                continue;
            }
            Object value = e.getValue();
            SObjectDescribe.Field field = value instanceof Map<?, ?> ? type.byRelationship(key).orElse(null)
                    : type.field(key).orElse(null);
            if (field == null) {
                errors.add(SalesforceErrors.record("INVALID_FIELD", "No such column '" + key + "' on sobject of type "
                        + type.name(), List.of(key)));
            } else if (creating ? !field.createable() : !field.updateable()) {
                notWritable.add(field.name());
            } else if (value instanceof Map<?, ?> reference) {
                String target = field.referenceTo().isEmpty() ? null : field.referenceTo().get(0);
                RelationshipResolver.Resolved r = relationships.resolve(field.name(), target, reference);
                if (r.error() != null) {
                    errors.add(r.error());
                } else {
                    values.put(field.name(), r.id());
                }
            } else {
                Object stored = FieldValues.typed(field, value);
                Map<String, Object> error = valueError(field, value, stored);
                if (error != null) {
                    errors.add(error);
                } else {
                    values.put(field.name(), stored instanceof String id && field.type().equals("reference")
                            ? SalesforceIds.normalise(id) : stored);
                }
            }
        }
        if (!notWritable.isEmpty()) {
            errors.add(0, notWritable(notWritable)); // one error naming every such field, as Salesforce answers
        }
        List<String> missing = new ArrayList<>();
        for (SObjectDescribe.Field f : type.fields().values()) {
            boolean given = values.get(f.name()) != null || hasError(errors, f.name()) || notWritable.contains(f.name());
            boolean nulled = values.containsKey(f.name()) && values.get(f.name()) == null;
            if (!derived.contains(f.name()) && (creating ? f.requiredOnCreate() && !given : !f.nillable() && nulled)) {
                missing.add(f.name());
            }
        }
        if (!missing.isEmpty()) {
            errors.add(SalesforceErrors.record("REQUIRED_FIELD_MISSING", "Required fields are missing: " + missing,
                    missing));
        }
        return new CheckedFields(values, errors);
    }

    /**
     * DUPLICATE_VALUE for each unique field (an upsert key) whose value another record of the type already has,
     * matched ignoring case as Salesforce does; {@code selfId} is the record an update changes, null for a create.
     */
    List<Map<String, Object>> duplicates(SObjectDescribe type, Map<String, Object> values, String selfId) {
        List<Map<String, Object>> errors = new ArrayList<>();
        for (SObjectDescribe.Field f : type.fields().values()) {
            Object value = values.get(f.name());
            if (!f.unique() || value == null) {
                continue;
            }
            objects.findBy(type.name(), f.name(), value).stream().map(r -> (String) r.get(SObjectTable.ID))
                    .filter(id -> !id.equals(selfId)).findFirst().ifPresent(id -> errors.add(SalesforceErrors.record(
                            "DUPLICATE_VALUE", "duplicate value found: " + f.name() + " duplicates value on record with"
                                    + " id: " + id, List.of(f.name()))));
        }
        return errors;
    }

    /** Salesforce's answer to a write of a field the call may not set (read-only, or create-only on an update). */
    static Map<String, Object> notWritable(List<String> fields) {
        return SalesforceErrors.record("INVALID_FIELD_FOR_INSERT_UPDATE", "Unable to create/update fields: "
                + String.join(", ", fields) + ". Please check the security settings of this field and verify that it"
                + " is read/write for your profile or permission set.", List.copyOf(fields));
    }

    private Map<String, Object> valueError(SObjectDescribe.Field field, Object value, Object stored) {
        if (value == null) {
            return null;
        }
        if (stored == null) {
            return SalesforceErrors.record("INVALID_TYPE_ON_FIELD_IN_RECORD", field.name() + ": value not of required"
                    + " type: " + value, List.of(field.name()));
        }
        if (field.type().equals("picklist") && field.refuses((String) stored)) {
            return SalesforceErrors.record("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", field.name() + ": bad value for"
                    + " restricted picklist field: " + stored, List.of(field.name()));
        }
        if (field.isText() && field.length() > 0 && ((String) stored).length() > field.length()) {
            return SalesforceErrors.record("STRING_TOO_LONG", field.name() + ": data value too large: " + stored
                    + " (max length=" + field.length() + ")", List.of(field.name()));
        }
        if (field.type().equals("reference")) {
            return referenceError(field, (String) stored);
        }
        return null;
    }

    private Map<String, Object> referenceError(SObjectDescribe.Field field, String id) {
        if (!SalesforceIds.isWellFormed(id)) {
            return SalesforceErrors.record("MALFORMED_ID", field.name() + ": id value of incorrect type: " + id,
                    List.of(field.name()));
        }
        boolean exists = field.referenceTo().stream().anyMatch(t -> t.equalsIgnoreCase("Account")
                ? accounts.find(id).isPresent() : objects.get(t, id).isPresent());
        return exists ? null : SalesforceErrors.record("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id",
                List.of(field.name()));
    }

    private static boolean hasError(List<Map<String, Object>> errors, String field) {
        return errors.stream().anyMatch(e -> ((List<?>) e.get("fields")).contains(field));
    }
}
