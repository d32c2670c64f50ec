package io.cebridge.demo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a describe call says about one sObject type's fields, as far as the demo CRM enforces it on writes. Read from
 * {@code /demo/describe/{type}.json} (see {@code demo/describe/README.md} for where each property comes from); {@code body} is
 * that file, which the describe resource answers with.
 */
record SObjectDescribe(String name, Map<String, Field> fields, Map<String, Object> body) {

    /** One entry of the describe body's {@code fields[]}. */
    record Field(String name, String type, int length, boolean createable, boolean updateable, boolean nillable,
                 boolean defaultedOnCreate, boolean autoNumber, boolean externalId, boolean unique, List<String> referenceTo,
                 String relationshipName, List<String> restrictedValues) {

        /** Salesforce insists on a value on create: not nillable, not defaulted and settable by the client. */
        boolean requiredOnCreate() {
            return createable && !nillable && !defaultedOnCreate && !type.equals("boolean");
        }

        /** A restricted picklist refuses any value it does not list (matched ignoring case, as Salesforce does). */
        boolean refuses(String value) {
            return !restrictedValues.isEmpty() && restrictedValues.stream().noneMatch(value::equalsIgnoreCase);
        }

        boolean isText() {
            return switch (type) {
                case "string", "textarea", "picklist", "multipicklist", "url", "email", "phone", "combobox" -> true;
                default -> false;
            };
        }

        boolean isNumber() {
            return switch (type) {
                case "currency", "double", "percent", "int", "long" -> true;
                default -> false;
            };
        }
    }

    @SuppressWarnings("unchecked")
    static SObjectDescribe of(Map<String, Object> body) {
        Map<String, Field> fields = new LinkedHashMap<>();
        for (Object o : (List<Object>) body.get("fields")) {
            Map<String, Object> f = (Map<String, Object>) o;
            String name = (String) f.get("name");
            fields.put(name.toLowerCase(Locale.ROOT), new Field(name, (String) f.get("type"),
                    ((Number) f.getOrDefault("length", 0)).intValue(), flag(f, "createable"), flag(f, "updateable"),
                    flag(f, "nillable"), flag(f, "defaultedOnCreate"), flag(f, "autoNumber"), flag(f, "externalId"), flag(f, "unique"),
                    List.copyOf((List<String>) f.getOrDefault("referenceTo", List.of())),
                    (String) f.get("relationshipName"), restrictedValues(f)));
        }
        return new SObjectDescribe((String) body.get("name"), Map.copyOf(fields), body);
    }

    Optional<Field> field(String name) {
        return Optional.ofNullable(fields.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The reference field whose relationship has this name, e.g. Pricebook2 -> Pricebook2Id, Product__r -> Product__c. */
    Optional<Field> byRelationship(String relationship) {
        return fields.values().stream().filter(f -> relationship.equalsIgnoreCase(f.relationshipName())).findFirst();
    }

    // The values of a restricted picklist; none for any other field (an unrestricted picklist takes any value).
    @SuppressWarnings("unchecked")
    private static List<String> restrictedValues(Map<String, Object> f) {
        if (!flag(f, "restrictedPicklist")) {
            return List.of();
        }
        return ((List<Map<String, Object>>) f.getOrDefault("picklistValues", List.of())).stream()
                .filter(v -> !Boolean.FALSE.equals(v.get("active"))).map(v -> (String) v.get("value")).toList();
    }

    private static boolean flag(Map<String, Object> f, String key) {
        return Boolean.TRUE.equals(f.get(key));
    }
}
