package io.cebridge.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Claims on creating an ERP record for a value several CRM records may share (a customer's USCC), so that of two
 * deliveries running at once (two consumers, two instances) only one creates it. A claim is committed before its
 * holder's ERP write starts; a claim older than the lease is taken over (its holder stopped or failed), by one taker
 * only. Claims stay after the create: a later record with the value takes the lapsed claim over and finds the row.
 */
public final class CreateClaimRepository implements CreateClaimStore {
    private static final int IN_CHUNK = 500;
    private static final int PURGE_CHUNK = 1000;
    /** Longer values (not a tax code) are kept as their digest so the key fits the column on every database. */
    private static final int MAX_VALUE = 255;
    private final DataSource ds;
    private final DbKind kind;
    private final String insertSql;

    CreateClaimRepository(DataSource ds, DbKind kind) {
        this.ds = ds;
        this.kind = kind;
        this.insertSql = Upserts.insertIfAbsent(kind, "bridge_create_claim", List.of("entity", "claim_value"),
                List.of("source_id", "claimed_at"));
    }

    /**
     * Claims each value for the CRM record that would create its ERP record ({@code wanted}: value -> CRM id) and
     * returns who holds each value now: the wanted CRM id when the caller holds it (claimed now, held already by that
     * record, renewed, or taken over from a holder older than {@code lease}), another CRM id when that record holds it
     * within the lease; a value is missing only if its claim kept being removed while this ran. One batch insert and
     * one read when nobody holds the values yet.
     */
    @Override
    public Map<String, String> claim(String entity, Map<String, String> wanted, Duration lease) throws SQLException {
        return claim(entity, wanted, lease, 3);
    }

    private Map<String, String> claim(String entity, Map<String, String> wanted, Duration lease, int tries)
            throws SQLException {
        if (wanted.isEmpty()) {
            return Map.of();
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Timestamp at = Timestamp.from(now);
        // sorted: two batches inserting overlapping values take their row locks in the same order, never a deadlock
        Map<String, String> byKey = new TreeMap<>();
        Map<String, String> valueOf = new HashMap<>();
        wanted.forEach((v, id) -> {
            byKey.put(key(v), id);
            valueOf.put(key(v), v);
        });
        Map<String, String> out = new HashMap<>();
        Map<String, String> gone = new HashMap<>();
        try (Connection c = ds.getConnection()) {
            insertAbsent(c, entity, byKey, at);
            Map<String, Holder> holders = holders(c, entity, byKey.keySet());
            for (Map.Entry<String, String> w : byKey.entrySet()) {
                Holder h = holders.get(w.getKey());
                String held;
                if (h == null) { // removed (its holder's create failed) between the insert and the read: claimed again
                    held = null;
                    gone.put(valueOf.get(w.getKey()), w.getValue());
                } else if (h.sourceId().equals(w.getValue())) {
                    if (!h.claimedAt().equals(at)) {
                        renew(c, entity, w.getKey(), w.getValue(), at);
                    }
                    held = w.getValue();
                } else if (h.claimedAt().toInstant().isBefore(now.minus(lease))) {
                    // lost to another taker: the row now names it
                    held = takeOver(c, entity, w.getKey(), h, w.getValue(), at) ? w.getValue()
                            : holders(c, entity, List.of(w.getKey())).getOrDefault(w.getKey(), h).sourceId();
                } else {
                    held = h.sourceId();
                }
                if (held != null) {
                    out.put(valueOf.get(w.getKey()), held);
                }
            }
        }
        if (!gone.isEmpty() && tries > 1) {
            out.putAll(claim(entity, gone, lease, tries - 1));
        }
        return out;
    }

    /** Gives up claims whose holder's create failed (value -> holder), so records waiting for it go on at once. */
    @Override
    public void release(String entity, Map<String, String> held) throws SQLException {
        if (held.isEmpty()) {
            return;
        }
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "DELETE FROM bridge_create_claim WHERE entity = ? AND claim_value = ? AND source_id = ?")) {
            for (Map.Entry<String, String> e : new TreeMap<>(held).entrySet()) {
                ps.setString(1, entity);
                ps.setString(2, key(e.getKey()));
                ps.setString(3, e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * Keeps the claims: a lapsed claim and none mean the same, so a write per batch to give them up would buy nothing;
     * {@link #purgeOlderThan} keeps the table small.
     */
    @Override
    public void settled(String entity, Map<String, String> held) {
    }

    /** Those of {@code sourceIds} that hold a claim made at or after {@code since} (one still within its lease). */
    @Override
    public Set<String> holding(String entity, Collection<String> sourceIds, Instant since) throws SQLException {
        Set<String> out = new HashSet<>();
        List<String> ids = List.copyOf(new HashSet<>(sourceIds));
        try (Connection c = ds.getConnection()) {
            for (int from = 0; from < ids.size(); from += IN_CHUNK) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IN_CHUNK));
                try (PreparedStatement ps = c.prepareStatement("SELECT source_id FROM bridge_create_claim WHERE entity = ?"
                        + " AND claimed_at >= ? AND " + InList.of(kind, "source_id", chunk.size()))) {
                    ps.setString(1, entity);
                    ps.setTimestamp(2, Timestamp.from(since));
                    InList.bind(kind, ps, 3, chunk);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(rs.getString(1));
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * Deletes claims made before {@code before}, a thousand at a time; one taken over meanwhile stays. A lapsed claim
     * and no claim mean the same to {@link #claim}, so this only keeps the table small.
     */
    public int purgeOlderThan(Instant before) throws SQLException {
        Timestamp t = Timestamp.from(before);
        int deleted = 0;
        while (true) {
            List<String[]> keys = new ArrayList<>();
            try (Connection c = ds.getConnection()) {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT entity, claim_value FROM bridge_create_claim WHERE claimed_at < ?")) {
                    ps.setMaxRows(PURGE_CHUNK);
                    ps.setTimestamp(1, t);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            keys.add(new String[] {rs.getString(1), rs.getString(2)});
                        }
                    }
                }
                if (keys.isEmpty()) {
                    return deleted;
                }
                try (PreparedStatement del = c.prepareStatement("DELETE FROM bridge_create_claim WHERE entity = ?"
                        + " AND claim_value = ? AND claimed_at < ?")) {
                    for (String[] k : keys) {
                        del.setString(1, k[0]);
                        del.setString(2, k[1]);
                        del.setTimestamp(3, t);
                        del.addBatch();
                    }
                    for (int n : del.executeBatch()) {
                        deleted += Math.max(n, 0);
                    }
                }
            }
            if (keys.size() < PURGE_CHUNK) {
                return deleted;
            }
        }
    }

    private record Holder(String sourceId, Timestamp claimedAt) {
    }

    /** One transaction: the claims are visible to every other instance before the caller's ERP write begins. */
    private void insertAbsent(Connection c, String entity, Map<String, String> byKey, Timestamp at)
            throws SQLException {
        c.setAutoCommit(false);
        try {
            for (int attempt = 1; ; attempt++) {
                try (PreparedStatement ps = c.prepareStatement(insertSql)) {
                    Pools.planOnce(c, kind);
                    for (Map.Entry<String, String> e : byKey.entrySet()) {
                        ps.setString(1, entity);
                        ps.setString(2, e.getKey());
                        ps.setString(3, e.getValue());
                        ps.setTimestamp(4, at);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                    c.commit();
                    return;
                } catch (SQLException e) {
                    c.rollback();
                    // H2's MERGE can still meet a row another session inserted meanwhile: the next pass finds it there
                    if (attempt >= 3 || e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
                        throw e;
                    }
                }
            }
        } finally {
            c.setAutoCommit(true);
        }
    }

    private Map<String, Holder> holders(Connection c, String entity, Collection<String> keys)
            throws SQLException {
        Map<String, Holder> out = new HashMap<>();
        List<String> all = List.copyOf(keys);
        for (int from = 0; from < all.size(); from += IN_CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + IN_CHUNK));
            // one probe of the key per value on PostgreSQL: = ANY read the whole table while it had no statistics
            try (PreparedStatement ps = c.prepareStatement(InList.select(kind, "claim_value, source_id, claimed_at",
                    "bridge_create_claim", "claim_value", chunk.size(), "entity = ?"))) {
                ps.setString(InList.bind(kind, ps, 1, chunk), entity);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), new Holder(rs.getString(2), rs.getTimestamp(3)));
                    }
                }
            }
        }
        return out;
    }

    /** A record claiming again what it holds (its batch is redelivered or retried): its lease starts again. */
    private static void renew(Connection c, String entity, String key, String sourceId, Timestamp at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE bridge_create_claim SET claimed_at = ? WHERE entity = ?"
                + " AND claim_value = ? AND source_id = ?")) {
            ps.setTimestamp(1, at);
            ps.setString(2, entity);
            ps.setString(3, key);
            ps.setString(4, sourceId);
            ps.executeUpdate();
        }
    }

    /** Guarded by the lapsed holder and its time: of several takers only the first changes the row. */
    private static boolean takeOver(Connection c, String entity, String key, Holder lapsed, String sourceId, Timestamp at)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE bridge_create_claim SET source_id = ?, claimed_at = ?"
                + " WHERE entity = ? AND claim_value = ? AND source_id = ? AND claimed_at = ?")) {
            ps.setString(1, sourceId);
            ps.setTimestamp(2, at);
            ps.setString(3, entity);
            ps.setString(4, key);
            ps.setString(5, lapsed.sourceId());
            ps.setTimestamp(6, lapsed.claimedAt());
            return ps.executeUpdate() == 1;
        }
    }

    /** The stored key of a value: itself, or its SHA-256 when it would not fit the column. */
    static String key(String value) {
        if (value.length() <= MAX_VALUE) {
            return value;
        }
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
