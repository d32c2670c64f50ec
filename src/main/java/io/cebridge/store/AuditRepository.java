package io.cebridge.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/** Append-only audit of every delivered change, kept for bridge.store.retention. */
public final class AuditRepository {
    private final DataSource ds;
    private final DbKind kind;

    AuditRepository(DataSource ds, DbKind kind) {
        this.ds = ds;
        this.kind = kind;
    }

    /** One JDBC batch in one transaction; see {@link #append(Connection, List)}. */
    public void append(List<AuditEntry> entries) throws SQLException {
        if (entries.isEmpty()) {
            return;
        }
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                Pools.planOnce(c, kind);
                append(c, entries);
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Adds the entries as one JDBC batch on {@code c}, in its transaction (the caller commits). */
    public static void append(Connection c, List<AuditEntry> entries) throws SQLException {
        if (entries.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(Instant.now());
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO bridge_audit (flow, source_id, source_version,"
                + " target_id, action, flags, at, mapping_file, mapping_hash, target, read_from, read_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (AuditEntry e : entries) {
                ps.setString(1, e.flow());
                ps.setString(2, e.sourceId());
                ps.setString(3, e.sourceVersion());
                ps.setString(4, e.targetId());
                ps.setString(5, e.action());
                ps.setString(6, e.flags());
                ps.setTimestamp(7, e.at() == null ? now : Timestamp.from(e.at()));
                ps.setString(8, clip(e.mappingFile(), 200));
                ps.setString(9, e.mappingHash());
                ps.setString(10, clip(e.target(), 120));
                ps.setString(11, clip(e.readFrom(), 120));
                ps.setTimestamp(12, e.readFrom() == null ? null : e.readAt() == null ? now : Timestamp.from(e.readAt()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    // a mapping path or target name longer than its column is an odd setup, not a reason to lose the delivery's audit
    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }

    /** Deletes the audit rows written before {@code before}; returns how many. */
    public int purgeOlderThan(Instant before) throws SQLException {
        return OldRows.delete(ds, "bridge_audit", "at < ?", before);
    }
}
