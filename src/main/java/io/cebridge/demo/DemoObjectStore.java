package io.cebridge.demo;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * In-memory records of every sObject type other than Account (which {@link DemoAccountStore} keeps), so the ERP -> CRM
 * flows have somewhere to land in the demo. Ids carry a per-type key prefix: a standard object's real one (its
 * describe's keyPrefix), a00, a01, ... for custom objects in order of first use, as they get them in an org. Fields of a type the
 * org describes ({@link DescribeCatalog}) are kept in the describe's spelling, and a new record gets what Salesforce
 * fills itself: its Auto Number fields, CreatedById, IsDeleted.
 */
public final class DemoObjectStore {
    private static final String STANDARD_BOOK_TYPE = "Pricebook2";
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private final Clock clock;
    private final Map<String, SObjectTable> tables = new LinkedHashMap<>();
    private int customTypes;

    public DemoObjectStore(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Creates a record as an org admin, or Salesforce itself, would have before the integration runs (e.g. the price
     * books, a quote with its computed totals); its id. Read-only fields may be given, fields the type's describe
     * does not have may not.
     *
     * @throws IllegalArgumentException for a type the demo org does not describe or a field its describe lacks
     */
    public synchronized String seed(String type, Map<String, Object> fields) {
        return insert(type, describedFields(type, fields), DemoSalesforceServer.INTEGRATION_USER_ID);
    }

    /**
     * Changes a record as an org admin, or Salesforce itself, would: e.g. giving the Standard Price Book the ERP code
     * the flows refer to it by, or the totals Salesforce recalculates when a quote's line changes.
     *
     * @throws IllegalArgumentException as {@link #seed}
     */
    public synchronized void seedUpdate(String type, String id, Map<String, Object> fields) {
        update(type, id, describedFields(type, fields), DemoSalesforceServer.INTEGRATION_USER_ID);
    }

    private static Map<String, Object> describedFields(String type, Map<String, Object> fields) {
        SObjectDescribe describe = DescribeCatalog.find(type).orElseThrow(() -> new IllegalArgumentException(
                "the demo org has no sObject type " + type + " (no describe under /demo/describe/)"));
        for (String name : fields.keySet()) {
            if (describe.field(name).isEmpty()) {
                throw new IllegalArgumentException("no field " + name + " on " + describe.name()
                        + " in the demo org's describe");
            }
        }
        return new LinkedHashMap<>(fields);
    }

    /**
     * The id of the org's Standard Price Book. Every org has exactly one, made by Salesforce, not by a client
     * (Pricebook2.IsStandard is read-only), so the store makes it with the Pricebook2 table.
     */
    public synchronized String standardPricebookId() {
        return (String) table(STANDARD_BOOK_TYPE).findBy("IsStandard", Boolean.TRUE).get(0).get(SObjectTable.ID);
    }

    /** Copies of the records of a type in creation order; none for a type never written. */
    public synchronized List<Map<String, Object>> records(String type) {
        List<Map<String, Object>> out = new ArrayList<>();
        existing(type).ifPresent(t -> t.all().forEach(r -> out.add(new LinkedHashMap<>(r))));
        return out;
    }

    /** Record count per type, in order of first write. */
    public synchronized Map<String, Integer> counts() {
        Map<String, Integer> out = new LinkedHashMap<>();
        tables.values().forEach(t -> out.put(t.name(), t.size()));
        return out;
    }

    synchronized Optional<SObjectTable> existing(String type) {
        if (type.equalsIgnoreCase(STANDARD_BOOK_TYPE)) {
            return Optional.of(table(type)); // never empty: the Standard Price Book is always there
        }
        return Optional.ofNullable(tables.get(type.toLowerCase(Locale.ROOT)));
    }

    synchronized Optional<Map<String, Object>> get(String type, String id) {
        return existing(type).flatMap(t -> t.get(id));
    }

    synchronized List<Map<String, Object>> findBy(String type, String field, Object value) {
        return existing(type).map(t -> t.findBy(field, value)).orElse(List.of());
    }

    /** Snapshot of a type's records for a query; the maps are immutable. */
    synchronized List<Map<String, Object>> scan(String type) {
        return existing(type).map(SObjectTable::all).orElse(new ArrayList<>());
    }

    /** Inserts a record and returns its new id; fields are already in stored form (see {@link SObjectValues}). */
    synchronized String insert(String type, Map<String, Object> fields, String userId) {
        SObjectTable t = table(type);
        Map<String, Object> r = spelled(type, fields);
        DescribeCatalog.find(type).ifPresent(d -> {
            for (SObjectDescribe.Field f : d.fields().values()) {
                if (f.autoNumber() && r.get(f.name()) == null) {
                    r.put(f.name(), String.format(Locale.ROOT, "%08d", t.size() + 1));
                }
            }
            d.field("CreatedById").ifPresent(f -> r.put(f.name(), userId));
            d.field("IsDeleted").ifPresent(f -> r.putIfAbsent(f.name(), Boolean.FALSE));
        });
        return t.insert(r, SalesforceDateTimes.format(clock.instant()), userId);
    }

    synchronized void update(String type, String id, Map<String, Object> fields, String userId) {
        table(type).update(id, spelled(type, fields), SalesforceDateTimes.format(clock.instant()), userId);
    }

    // Field names as the type's describe spells them (Salesforce's are case-insensitive), so queries find them.
    private static Map<String, Object> spelled(String type, Map<String, Object> fields) {
        Optional<SObjectDescribe> describe = DescribeCatalog.find(type);
        Map<String, Object> out = new LinkedHashMap<>();
        fields.forEach((k, v) -> out.put(describe.flatMap(d -> d.field(k)).map(SObjectDescribe.Field::name).orElse(k), v));
        return out;
    }

    private SObjectTable table(String type) {
        String key = type.toLowerCase(Locale.ROOT);
        SObjectTable t = tables.get(key);
        if (t == null) {
            String name = type.equalsIgnoreCase(STANDARD_BOOK_TYPE) ? STANDARD_BOOK_TYPE : type;
            t = new SObjectTable(name, prefix(type));
            tables.put(key, t);
            if (name.equals(STANDARD_BOOK_TYPE)) {
                Map<String, Object> book = new LinkedHashMap<>();
                book.put("Name", "Standard Price Book");
                book.put("IsActive", true);
                book.put("IsStandard", true);
                t.insert(book, SalesforceDateTimes.format(clock.instant()), DemoSalesforceServer.INTEGRATION_USER_ID);
            }
        }
        return t;
    }

    private String prefix(String type) {
        String standard = DescribeCatalog.find(type).map(d -> (String) d.body().get("keyPrefix")).orElse(null);
        if (standard != null) {
            return standard;
        }
        int n = customTypes++;
        return "a" + BASE62.charAt(n / 62 % 62) + BASE62.charAt(n % 62);
    }
}
