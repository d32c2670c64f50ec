package io.cebridge.demo;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;

/** In-memory Account table of the demo CRM, stamping records the way Salesforce does. */
public final class DemoAccountStore {

    /** The human user that owns records created without an explicit user. */
    public static final String DEFAULT_USER_ID = "005000000000001AAA";

    private static final String ACCOUNT_KEY_PREFIX = "001";

    private final Clock clock;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    // Rows are immutable and replaced on update, so a query snapshot can keep plain references
    // and still never see later changes.
    private final Map<String, AccountRow> byId = new LinkedHashMap<>();
    // Key = SystemModstamp + Id: both are fixed width, so the string order is (SystemModstamp, Id) order,
    // which is exactly what incremental pollers ask for; the index spares them sorting 200k rows.
    private final NavigableMap<String, AccountRow> byModstamp = new TreeMap<>();
    private long nextSequence = 1;
    // Stamps repeat a lot (many writes per millisecond), so the last formatted one is reused.
    private long lastStampMillis = Long.MIN_VALUE;
    private String lastStamp;

    private DemoAccountStore(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Returns a store without records. */
    public static DemoAccountStore empty(Clock clock) {
        return new DemoAccountStore(clock);
    }

    /** Returns a store holding the bundled demo accounts ({@code demo/crm-accounts.json}). */
    public static DemoAccountStore seeded(Clock clock) {
        DemoAccountStore store = new DemoAccountStore(clock);
        for (Map<String, Object> row : DemoSeedData.accounts()) {
            store.create(row);
        }
        return store;
    }

    /**
     * Creates a record and returns a copy of it. Keys starting with "_" are annotations and are dropped;
     * a "LastModifiedById" entry names the creating user.
     *
     * @throws IllegalArgumentException for unknown or read-only fields or non-text values
     */
    /** The id the n-th created account gets (1-based), e.g. for a benchmark comparing against the same rows. */
    public static String idOf(long sequence) {
        return SalesforceIds.of(ACCOUNT_KEY_PREFIX, sequence);
    }

    public Map<String, Object> create(Map<String, Object> fields) {
        Map<String, Object> given = new LinkedHashMap<>(fields);
        Object user = given.remove(AccountFields.LAST_MODIFIED_BY_ID);
        String[] values = new String[AccountFields.count()];
        applyChanges(values, given);
        values[AccountFields.LAST_MODIFIED_BY_ID_INDEX] = user == null ? DEFAULT_USER_ID : user.toString();
        lock.writeLock().lock();
        try {
            String now = now();
            values[AccountFields.ID_INDEX] = SalesforceIds.of(ACCOUNT_KEY_PREFIX, nextSequence++);
            values[AccountFields.CREATED_DATE_INDEX] = now;
            values[AccountFields.SYSTEM_MODSTAMP_INDEX] = now;
            values[AccountFields.LAST_MODIFIED_DATE_INDEX] = now;
            return put(AccountRow.of(values)).toMap();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Sets fields of a record and bumps SystemModstamp and LastModifiedDate, whoever the user is.
     *
     * @param userId the modifying user; null means {@link #DEFAULT_USER_ID}
     * @throws NoSuchElementException if no record has that id
     * @throws IllegalArgumentException for unknown or read-only fields or non-text values
     */
    public Map<String, Object> update(String id, Map<String, Object> fields, String userId) {
        lock.writeLock().lock();
        try {
            AccountRow old = byId.get(canonicalId(id));
            if (old == null) {
                throw new NoSuchElementException("no Account with id " + id);
            }
            String[] values = old.copyValues();
            applyChanges(values, fields);
            String now = now();
            values[AccountFields.SYSTEM_MODSTAMP_INDEX] = now;
            values[AccountFields.LAST_MODIFIED_DATE_INDEX] = now;
            values[AccountFields.LAST_MODIFIED_BY_ID_INDEX] = userId == null ? DEFAULT_USER_ID : userId;
            byModstamp.remove(modstampKey(old));
            return put(AccountRow.of(values)).toMap();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Returns a copy of the record, accepting 15- or 18-character ids. */
    public Optional<Map<String, Object>> get(String id) {
        return find(id).map(AccountRow::toMap);
    }

    /** Returns copies of all records in creation order. */
    public List<Map<String, Object>> all() {
        List<Map<String, Object>> copies = new ArrayList<>();
        for (AccountRow row : scanById(r -> true)) {
            copies.add(row.toMap());
        }
        return copies;
    }

    /** Number of records. */
    public int size() {
        lock.readLock().lock();
        try {
            return byId.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The clock that stamps records; the server also uses it to age query cursors. */
    Clock clock() {
        return clock;
    }

    /** The stored row, without copying. */
    Optional<AccountRow> find(String id) {
        lock.readLock().lock();
        try {
            return Optional.ofNullable(byId.get(canonicalId(id)));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Rows matching the filter, in Id (creation) order. */
    List<AccountRow> scanById(Predicate<AccountRow> filter) {
        lock.readLock().lock();
        try {
            List<AccountRow> out = new ArrayList<>();
            for (AccountRow row : byId.values()) {
                if (filter.test(row)) {
                    out.add(row);
                }
            }
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Rows matching the filter in (SystemModstamp, Id) order, starting at a stamp.
     *
     * @param fromStampInclusive formatted SystemModstamp to start at, or null for the beginning
     * @param limit maximum number of rows to return
     */
    List<AccountRow> scanByModstamp(String fromStampInclusive, Predicate<AccountRow> filter, int limit) {
        lock.readLock().lock();
        try {
            // A bare stamp sorts before every "stamp + id" key with that stamp, so it is an inclusive start.
            Map<String, AccountRow> range =
                    fromStampInclusive == null ? byModstamp : byModstamp.tailMap(fromStampInclusive, true);
            List<AccountRow> out = new ArrayList<>();
            for (AccountRow row : range.values()) {
                if (out.size() >= limit) {
                    break;
                }
                if (filter.test(row)) {
                    out.add(row);
                }
            }
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    private AccountRow put(AccountRow row) {
        byId.put(row.id(), row);
        byModstamp.put(modstampKey(row), row);
        return row;
    }

    private String now() {
        long millis = clock.millis();
        if (millis != lastStampMillis) {
            lastStamp = SalesforceDateTimes.format(Instant.ofEpochMilli(millis));
            lastStampMillis = millis;
        }
        return lastStamp;
    }

    private static String modstampKey(AccountRow row) {
        return row.systemModstamp() + row.id();
    }

    private static String canonicalId(String id) {
        return SalesforceIds.isWellFormed(id) ? SalesforceIds.normalise(id) : String.valueOf(id);
    }

    // Writes caller fields into the row slots; "_" keys are seed-file annotations, not data.
    private static void applyChanges(String[] values, Map<String, Object> fields) {
        for (Map.Entry<String, Object> entry : fields.entrySet()) {
            String key = entry.getKey();
            if (key.startsWith("_")) {
                continue;
            }
            AccountFields.Field field = AccountFields.find(key)
                    .orElseThrow(() -> new IllegalArgumentException("No such column '" + key + "' on Account"));
            if (!field.writable()) {
                throw new IllegalArgumentException("Field " + field.name() + " is read-only");
            }
            Object value = entry.getValue();
            if (value != null && !(value instanceof String)) {
                throw new IllegalArgumentException("Field " + field.name() + " needs a text value, got " + value);
            }
            values[field.index()] = (String) value;
        }
    }
}
