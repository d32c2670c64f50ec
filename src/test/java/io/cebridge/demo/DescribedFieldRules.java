package io.cebridge.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The demo org's describe metadata for test stand-ins outside this package (FakeSalesforceWrites): which fields of a
 * record Salesforce refuses on a create or an update, with its error codes and texts, from the same
 * {@code /demo/describe/} files the demo CRM enforces.
 */
public final class DescribedFieldRules {
    private DescribedFieldRules() {
    }

    /** True when the demo org has a describe body for the type (Account's fields are typed in the demo CRM instead). */
    public static boolean describes(String type) {
        return DescribeCatalog.find(type).isPresent();
    }

    /**
     * Every type the demo org describes with its describe body ({@code GET .../sobjects/{type}/describe}), Account
     * included, so a stand-in answers describe as the demo org does.
     */
    public static Map<String, Map<String, Object>> describeBodies() {
        Map<String, Map<String, Object>> out = new java.util.LinkedHashMap<>();
        out.put("Account", DescribeEndpoint.account());
        DescribeCatalog.DESCRIBED.forEach(t -> out.put(t, DescribeCatalog.find(t).orElseThrow().body()));
        return out;
    }

    /**
     * Salesforce's save errors for the named fields of one record: INVALID_FIELD for a field the type does not have,
     * INVALID_FIELD_FOR_INSERT_UPDATE (one error naming them all) for fields the call may not set: not createable on a
     * create, not updateable on an update. A relationship by external id ({@code Product2}, {@code Invoice__r}) counts
     * as its lookup field. None for a type without a describe body, or when every field may be written.
     *
     * @param fields        the record's field names, without Id and attributes
     * @param relationships the names among them whose value is a relationship object
     */
    public static List<Map<String, Object>> refusals(String type, List<String> fields, List<String> relationships,
                                                     boolean creating) {
        Optional<SObjectDescribe> found = DescribeCatalog.find(type);
        List<Map<String, Object>> errors = new ArrayList<>();
        if (found.isEmpty()) {
            return errors;
        }
        SObjectDescribe d = found.get();
        List<String> notWritable = new ArrayList<>();
        for (String name : fields) {
            Optional<SObjectDescribe.Field> f = relationships.contains(name) ? d.byRelationship(name) : d.field(name);
            if (f.isEmpty()) {
                errors.add(SalesforceErrors.record("INVALID_FIELD", "No such column '" + name + "' on sobject of type "
                        + d.name(), List.of(name)));
            } else if (creating ? !f.get().createable() : !f.get().updateable()) {
                notWritable.add(f.get().name());
            }
        }
        if (!notWritable.isEmpty()) {
            errors.add(0, DescribedWrites.notWritable(notWritable));
        }
        return errors;
    }
}
