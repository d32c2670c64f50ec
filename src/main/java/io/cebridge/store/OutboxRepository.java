package io.cebridge.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The CRM write-back outbox (bridge_crm_outbox): write-backs of many delivery batches kept durably until one Bulk API
 * 2.0 ingest job has sent them. One row per CRM record; a row is deleted only with the version it was read with, so a
 * newer write-back of the same record that arrived while the job ran stays.
 */
public final class OutboxRepository {
    private static final int IN_CHUNK = 500;
    static final int REMOVE_CHUNK = 2_000;
    private final DataSource ds;
    private final DbKind kind;
    private final String upsertSql;

    OutboxRepository(DataSource ds, DbKind kind) {
        this.ds = ds;
        this.kind = kind;
        this.upsertSql = Upserts.upsert(kind, "bridge_crm_outbox", List.of("flow", "crm_object", "record_id"),
                List.of("fields", "source_id", "source_version", "payload", "created_at"));
    }

    /** Stores the entries in one transaction: when this returns they survive a crash. */
    public void add(List<OutboxEntry> entries) throws SQLException {
        BatchWrite.run(ds, kind, upsertSql, entries, (ps, e) -> {
            ps.setString(1, e.flow());
            ps.setString(2, e.crmObject());
            ps.setString(3, e.recordId());
            ps.setString(4, e.fields());
            ps.setString(5, e.sourceId());
            ps.setString(6, e.sourceVersion());
            ps.setString(7, e.payload());
            ps.setTimestamp(8, Timestamp.from(e.created()));
        });
    }

    /** Write-backs of the flow waiting to be sent. */
    public long count(String flow) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM bridge_crm_outbox WHERE flow = ?")) {
            ps.setString(1, flow);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Whether anything of the flow waits (one row looked at, not counted). */
    public boolean any(String flow) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT 1 FROM bridge_crm_outbox WHERE flow = ?")) {
            ps.setString(1, flow);
            ps.setMaxRows(1);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** When the flow's oldest and newest waiting write-backs were stored; empty when none waits. */
    public Optional<Instant[]> ages(String flow) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT MIN(created_at), MAX(created_at) FROM bridge_crm_outbox"
                     + " WHERE flow = ?")) {
            ps.setString(1, flow);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Timestamp oldest = rs.getTimestamp(1);
                return oldest == null ? Optional.empty()
                        : Optional.of(new Instant[] {oldest.toInstant(), rs.getTimestamp(2).toInstant()});
            }
        }
    }

    /** Up to {@code limit} of the flow's oldest write-backs to one CRM object (the object of the oldest), without payload. */
    public List<OutboxEntry> oldest(String flow, int limit) throws SQLException {
        List<OutboxEntry> out = new ArrayList<>();
        try (Connection c = ds.getConnection()) {
            String object = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT crm_object FROM bridge_crm_outbox WHERE flow = ?"
                    + " ORDER BY created_at")) {
                ps.setString(1, flow);
                ps.setMaxRows(1);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        object = rs.getString(1);
                    }
                }
            }
            if (object == null) {
                return out;
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT record_id, fields, source_id, source_version,"
                    + " created_at FROM bridge_crm_outbox WHERE flow = ? AND crm_object = ? ORDER BY created_at")) {
                ps.setString(1, flow);
                ps.setString(2, object);
                ps.setMaxRows(limit);
                ps.setFetchSize(Math.min(limit, 10_000)); // PostgreSQL streams with a fetch size only in a transaction
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new OutboxEntry(flow, object, rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getString(4), null, rs.getTimestamp(5).toInstant()));
                    }
                }
            }
        }
        return out;
    }

    /** The stored events of these write-backs, by record id (for dead letters of the ones the CRM refused). */
    public Map<String, String> payloads(String flow, String crmObject, Collection<String> recordIds) throws SQLException {
        Map<String, String> out = new HashMap<>();
        List<String> ids = List.copyOf(recordIds);
        try (Connection c = ds.getConnection()) {
            for (int from = 0; from < ids.size(); from += IN_CHUNK) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IN_CHUNK));
                try (PreparedStatement ps = c.prepareStatement("SELECT record_id, payload FROM bridge_crm_outbox WHERE"
                        + " flow = ? AND crm_object = ? AND record_id IN (" + "?,".repeat(chunk.size() - 1) + "?)")) {
                    ps.setString(1, flow);
                    ps.setString(2, crmObject);
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setString(i + 3, chunk.get(i));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.put(rs.getString(1), rs.getString(2));
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * Deletes the entries as they were read (same source version and creation time), {@value #REMOVE_CHUNK} to a
     * transaction; a write-back stored again since (a newer version, or the same batch delivered again) stays for the
     * next job. Entries of a chunk not yet deleted when the process dies are sent again by the next job: the upsert by
     * Id is idempotent. One transaction for a whole job (250,000 rows at most) made H2 spill its undo log to disk and
     * read it all back to commit: two thirds of the job's CPU (docs/performance.md, "CPU per record", fifth session).
     */
    public void remove(List<OutboxEntry> entries) throws SQLException {
        for (int from = 0; from < entries.size(); from += REMOVE_CHUNK) {
            BatchWrite.run(ds, kind, "DELETE FROM bridge_crm_outbox WHERE flow = ? AND crm_object = ? AND record_id = ?"
                    + " AND created_at = ?", entries.subList(from, Math.min(entries.size(), from + REMOVE_CHUNK)),
                    (ps, e) -> {
                        ps.setString(1, e.flow());
                        ps.setString(2, e.crmObject());
                        ps.setString(3, e.recordId());
                        ps.setTimestamp(4, Timestamp.from(e.created()));
                    });
        }
    }
}
