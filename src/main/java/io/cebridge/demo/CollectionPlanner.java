package io.cebridge.demo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Plans the records of sObject Collections update, create and upsert calls: Account through the typed
 * {@link DemoAccountStore}, every other type the demo org describes ({@link DescribeCatalog}) through the
 * {@link DemoObjectStore}, checked against its describe; a type the org does not have is refused INVALID_TYPE.
 */
final class CollectionPlanner {
    private static final String ACCOUNT = "Account";
    // The Account fields an upsert may match on: Id, and the field the customer-master flow marks as external id.
    private static final List<String> ACCOUNT_EXTERNAL_IDS = List.of(AccountFields.ID, AccountFields.ERP_CUSTOMER_NO);
    private static final String USER = DemoSalesforceServer.INTEGRATION_USER_ID;

    private final DemoAccountStore accounts;
    private final DemoObjectStore objects;
    private final RelationshipResolver relationships;
    private final DescribedWrites described;
    private final PricebookEntryRules pricebookEntries;

    CollectionPlanner(DemoAccountStore accounts, DemoObjectStore objects) {
        this.accounts = accounts;
        this.objects = objects;
        this.relationships = new RelationshipResolver(accounts, objects);
        this.described = new DescribedWrites(accounts, objects, relationships);
        this.pricebookEntries = new PricebookEntryRules(objects);
    }

    /** Update by "id"; a record without attributes.type is an Account, as the customer-master write-back sends. */
    PlannedWrite update(Map<String, Object> raw) {
        String type = type(raw, ACCOUNT);
        Object id = valueIgnoringCase(raw, AccountFields.ID);
        if (id == null || id.toString().isEmpty()) {
            return PlannedWrite.failed(null, null, error("MISSING_ARGUMENT", "Id not specified in an update call"));
        }
        String given = id.toString();
        if (unknownType(type)) {
            return PlannedWrite.failed(given, null, error("INVALID_TYPE", SalesforceErrors.unsupportedType(type)));
        }
        if (!SalesforceIds.isWellFormed(given)) {
            return PlannedWrite.failed(given, null, SalesforceErrors.record("MALFORMED_ID", "malformed id " + given,
                    List.of(AccountFields.ID)));
        }
        boolean exists = type.equalsIgnoreCase(ACCOUNT) ? accounts.find(given).isPresent()
                : objects.get(type, given).isPresent();
        if (!exists) {
            return PlannedWrite.failed(given, null, error("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id"));
        }
        return toExisting(type, SalesforceIds.normalise(given), without(raw, AccountFields.ID), null);
    }

    /** Create; each record names its type in attributes.type, so one call may mix types. */
    PlannedWrite create(Map<String, Object> raw) {
        String type = type(raw, null);
        if (type == null) {
            return PlannedWrite.failed(null, null, error("INVALID_TYPE", "Must send a concrete entity type."));
        }
        if (unknownType(type)) {
            return PlannedWrite.failed(null, null, error("INVALID_TYPE", SalesforceErrors.unsupportedType(type)));
        }
        return toNew(type, raw, null);
    }

    /**
     * Upsert of one type by an external id field: no match creates, one match updates, several are an error.
     *
     * @throws DemoApiException 404 for a type the org does not have or a field that is not an external id, as
     *                          Salesforce answers
     */
    List<PlannedWrite> upsert(String type, String externalIdField, List<Map<String, Object>> records) {
        boolean account = type.equalsIgnoreCase(ACCOUNT);
        if (unknownType(type)) {
            throw DemoApiException.notFound();
        }
        if (account && ACCOUNT_EXTERNAL_IDS.stream().noneMatch(f -> f.equalsIgnoreCase(externalIdField))) {
            throw new DemoApiException(404, "NOT_FOUND",
                    "Provided external ID field does not exist or is not accessible: " + externalIdField);
        }
        boolean notAnExternalId = DescribeCatalog.find(type).map(d -> !externalIdField.equalsIgnoreCase(AccountFields.ID)
                && d.field(externalIdField).filter(SObjectDescribe.Field::externalId).isEmpty()).orElse(false);
        if (notAnExternalId) {
            throw new DemoApiException(404, "NOT_FOUND",
                    "Provided external ID field does not exist or is not accessible: " + externalIdField);
        }
        Map<String, Integer> seen = new HashMap<>();
        records.forEach(r -> seen.merge(key(valueIgnoringCase(r, externalIdField)), 1, Integer::sum));
        List<PlannedWrite> plan = new ArrayList<>();
        for (Map<String, Object> raw : records) {
            plan.add(upsertOne(type, account, externalIdField, raw, seen));
        }
        return plan;
    }

    private PlannedWrite upsertOne(String type, boolean account, String extField, Map<String, Object> raw,
                                   Map<String, Integer> seen) {
        Object value = SObjectValues.stored(valueIgnoringCase(raw, extField));
        boolean byId = extField.equalsIgnoreCase(AccountFields.ID);
        if (value == null && byId) {
            return toNew(type, without(raw, AccountFields.ID), true); // Id null: Salesforce's way to force a create
        }
        if (value == null) {
            return PlannedWrite.failed(null, true, SalesforceErrors.record("MISSING_ARGUMENT", extField
                    + " not specified", List.of(extField)));
        }
        if (seen.get(key(value)) > 1) {
            return PlannedWrite.failed(null, true, SalesforceErrors.record("DUPLICATE_EXTERNAL_ID",
                    "Duplicate external id specified: " + value, List.of(extField)));
        }
        List<String> matches = matches(type, account, extField, value, byId);
        if (matches.size() > 1) {
            return PlannedWrite.failed(null, true, SalesforceErrors.record("DUPLICATE_EXTERNAL_ID", extField
                    + ": more than one record found for external id field: " + matches, List.of(extField)));
        }
        if (matches.isEmpty()) {
            return byId ? PlannedWrite.failed(null, true, error("NOT_FOUND", "Provided external ID field does not"
                    + " exist or is not accessible: " + value)) : toNew(type, raw, true);
        }
        return toExisting(type, matches.get(0), byId ? without(raw, AccountFields.ID) : raw, false);
    }

    private List<String> matches(String type, boolean account, String extField, Object value, boolean byId) {
        List<String> ids = new ArrayList<>();
        if (byId) {
            String id = value.toString();
            boolean found = SalesforceIds.isWellFormed(id) && (account ? accounts.find(id).isPresent()
                    : objects.get(type, id).isPresent());
            if (found) {
                ids.add(SalesforceIds.normalise(id));
            }
        } else if (account) {
            AccountFields.Field f = AccountFields.find(extField).orElseThrow();
            accounts.scanById(row -> SObjectValues.same(row.get(f.index()), value)).forEach(r -> ids.add(r.id()));
        } else {
            objects.findBy(type, extField, value).forEach(r -> ids.add((String) r.get(SObjectTable.ID)));
        }
        return ids;
    }

    private PlannedWrite toNew(String type, Map<String, Object> raw, Boolean upsert) {
        if (type.equalsIgnoreCase(ACCOUNT)) {
            AccountWriteValidator.Result v = AccountWriteValidator.validate(raw, true);
            if (!v.ok()) {
                return new PlannedWrite(null, v.errors(), null, upsert == null ? null : false);
            }
            Map<String, Object> fields = new LinkedHashMap<>(v.changes());
            fields.put(AccountFields.LAST_MODIFIED_BY_ID, USER);
            return new PlannedWrite(null, List.of(), () -> (String) accounts.create(fields).get(AccountFields.ID), upsert);
        }
        CheckedFields f = checked(type, raw, null);
        return new PlannedWrite(null, f.errors(), () -> objects.insert(type, f.values(), USER), upsert);
    }

    private PlannedWrite toExisting(String type, String id, Map<String, Object> raw, Boolean upsert) {
        if (type.equalsIgnoreCase(ACCOUNT)) {
            AccountWriteValidator.Result v = AccountWriteValidator.validate(raw, false);
            return new PlannedWrite(id, v.errors(), () -> {
                accounts.update(id, v.changes(), USER);
                return id;
            }, upsert);
        }
        CheckedFields f = checked(type, raw, objects.get(type, id).orElseThrow());
        return new PlannedWrite(id, f.errors(), () -> {
            objects.update(type, id, f.values(), USER);
            return id;
        }, upsert);
    }

    /**
     * Checks the fields against the type's describe (and a PricebookEntry against its object rules); {@code existing}
     * is the record an update changes, null for a create.
     */
    private CheckedFields checked(String type, Map<String, Object> raw, Map<String, Object> existing) {
        SObjectDescribe describe = DescribeCatalog.find(type).orElseThrow();
        boolean entry = type.equalsIgnoreCase(PricebookEntryRules.TYPE);
        CheckedFields f = described.check(describe, raw, existing == null,
                entry ? PricebookEntryRules.derived(raw) : java.util.Set.of());
        if (f.ok()) {
            f.errors().addAll(described.duplicates(describe, f.values(),
                    existing == null ? null : (String) existing.get(SObjectTable.ID)));
        }
        if (f.ok() && entry) {
            f.errors().addAll(pricebookEntries.check(f.values(), existing));
        }
        return f;
    }

    private static boolean unknownType(String type) {
        return !type.equalsIgnoreCase(ACCOUNT) && DescribeCatalog.find(type).isEmpty();
    }

    private static String type(Map<String, Object> raw, String otherwise) {
        return raw.get("attributes") instanceof Map<?, ?> a && a.get("type") != null ? a.get("type").toString()
                : otherwise;
    }

    static Object valueIgnoringCase(Map<String, Object> raw, String field) {
        for (Map.Entry<String, Object> e : raw.entrySet()) {
            if (e.getKey().equalsIgnoreCase(field)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static Map<String, Object> without(Map<String, Object> raw, String field) {
        Map<String, Object> out = new LinkedHashMap<>(raw);
        out.keySet().removeIf(k -> k.equalsIgnoreCase(field));
        return out;
    }

    // External ids match ignoring case, so duplicates within one request are counted the same way.
    private static String key(Object value) {
        Object stored = SObjectValues.stored(value);
        return stored == null ? "" : stored.toString().toLowerCase(Locale.ROOT);
    }

    private static Map<String, Object> error(String code, String message) {
        return SalesforceErrors.record(code, message, List.of());
    }
}
