package io.cebridge.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * What the state store knows of each flow, for `status` and GET /api/status: its poll positions, who holds its poll
 * lease until when, the audited records by outcome, the dead letters not resolved and the CRM write-backs waiting in
 * its outbox. Five grouped queries, whatever the number of flows.
 */
public final class FlowStatusQuery {
    private final DataSource ds;

    public FlowStatusQuery(DataSource ds) {
        this.ds = ds;
    }

    /** A saved poll position: {@code name} is the flow, or flow/table for an ERP flow reading several tables. */
    public record Position(String name, String stamp, Instant savedAt) {
    }

    /** The poll lease: the instance polling the flow's source, renewed on every poll ({@code renewedAt}) until {@code expiresAt}. */
    public record Lease(String owner, Instant expiresAt, Instant renewedAt) {
    }

    /** The flow's CRM write-backs waiting in the outbox (volume mode) and when the oldest of them was stored. */
    public record Outbox(long entries, Instant oldest) {
        public static final Outbox EMPTY = new Outbox(0, null);
    }

    /** One flow as the store sees it; {@code deadLetters} counts letters not resolved, by status. */
    public record FlowState(List<Position> watermarks, Lease lease, Map<String, Long> outcomes,
                            Map<String, Long> deadLetters, Outbox outbox) {
        public long openDeadLetters() {
            return deadLetters.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** The state of each of {@code flows}, in their order; a flow the store has never seen has an empty state. */
    public Map<String, FlowState> read(Collection<String> flows) throws SQLException {
        Map<String, List<Position>> positions = new LinkedHashMap<>();
        Map<String, Lease> leases = new LinkedHashMap<>();
        Map<String, Map<String, Long>> outcomes = new LinkedHashMap<>();
        Map<String, Map<String, Long>> letters = new LinkedHashMap<>();
        Map<String, Outbox> outboxes = new LinkedHashMap<>();
        try (Connection c = ds.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT flow, stamp, updated_at FROM bridge_watermark ORDER BY flow");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    String flow = name.contains("/") ? name.substring(0, name.indexOf('/')) : name;
                    positions.computeIfAbsent(flow, k -> new ArrayList<>())
                            .add(new Position(name, rs.getString(2), instant(rs.getTimestamp(3))));
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT name, owner, expires_at, renewed_at FROM bridge_lease"
                    + " WHERE name LIKE 'poll:%'");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    leases.put(rs.getString(1).substring("poll:".length()),
                            new Lease(rs.getString(2), instant(rs.getTimestamp(3)), instant(rs.getTimestamp(4))));
                }
            }
            // a write's row also counts the read it carries (read_from set)
            try (PreparedStatement ps = c.prepareStatement("SELECT flow, action, COUNT(*), COUNT(read_from) FROM"
                    + " bridge_audit GROUP BY flow, action"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Long> byAction = outcomes.computeIfAbsent(rs.getString(1), k -> new TreeMap<>());
                    byAction.merge(rs.getString(2), rs.getLong(3), Long::sum);
                    if (rs.getLong(4) > 0) {
                        byAction.merge(AuditEntry.READ, rs.getLong(4), Long::sum);
                    }
                }
            }
            count(c, "SELECT flow, status, COUNT(*) FROM bridge_dead_letter WHERE status <> 'RESOLVED' GROUP BY flow, status",
                    letters);
            try (PreparedStatement ps = c.prepareStatement("SELECT flow, COUNT(*), MIN(created_at) FROM bridge_crm_outbox"
                    + " GROUP BY flow"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    outboxes.put(rs.getString(1), new Outbox(rs.getLong(2), instant(rs.getTimestamp(3))));
                }
            }
        }
        Map<String, FlowState> out = new LinkedHashMap<>();
        for (String flow : flows) {
            out.put(flow, new FlowState(List.copyOf(positions.getOrDefault(flow, List.of())), leases.get(flow),
                    sorted(outcomes.get(flow)), sorted(letters.get(flow)), outboxes.getOrDefault(flow, Outbox.EMPTY)));
        }
        return out;
    }

    private static void count(Connection c, String sql, Map<String, Map<String, Long>> into) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                into.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).merge(rs.getString(2), rs.getLong(3), Long::sum);
            }
        }
    }

    private static Map<String, Long> sorted(Map<String, Long> counts) {
        return counts == null ? Map.of() : java.util.Collections.unmodifiableMap(counts);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
