package io.cebridge.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Dead letters: one open letter per flow and source record (a repeated failure raises its attempt count and keeps
 * the first failure time); letters are resolved, not deleted, so the history stays for bridge.store.retention.
 */
public final class DeadLetterRepository {
    private static final String COLS = "id, flow, stage, source_id, source_version, reason_code, reason, payload, attempts, "
            + "status, first_failed_at, last_failed_at, resolved_at, resolved_by, resolution_note";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DeadLetterRepository.class);
    private final DataSource ds;
    private final DbKind kind;

    DeadLetterRepository(DataSource ds, DbKind kind) {
        this.ds = ds;
        this.kind = kind;
    }

    /**
     * Records a failure in its own transaction; throws if the store cannot take it, so the source is not acknowledged.
     * Identifiers the reason quotes (统一社会信用代码, phones, e-mails) are masked; the payload keeps the record as read.
     * Returns false, storing nothing, when a person already handled this very failure and it only comes back because
     * the same version was read again (a look-back, a restart): a record corrected with `dlq edit` coming back as the
     * source still has it (the edited copy is the one that goes on; its own failures are stored as usual), or a record
     * whose letter a person resolved with `dlq resolve`. A new version of the record is stored as any failure.
     */
    public boolean record(DeadLetter f) throws SQLException {
        Timestamp now = Timestamp.from(Instant.now());
        String reason = io.cebridge.error.PiiMask.reason(f.reason(), f.payload());
        try (Connection c = ds.getConnection()) {
            String handled = handledByPerson(c, f);
            if (handled != null) {
                LOG.info("{}: record {} version {} fails again as read before, but a person {} that version; not"
                        + " stored again", f.flow(), io.cebridge.error.Redactor.oneLine(f.sourceId()), f.sourceVersion(),
                        handled);
                return false;
            }
            c.setAutoCommit(false);
            try {
                Long open = null;
                try (PreparedStatement ps = c.prepareStatement("SELECT id FROM bridge_dead_letter WHERE flow = ? AND source_id = ?"
                        + " AND status <> 'RESOLVED' ORDER BY id DESC")) {
                    ps.setString(1, f.flow());
                    ps.setString(2, f.sourceId());
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            open = rs.getLong(1);
                        }
                    }
                }
                if (open != null) {
                    try (PreparedStatement ps = c.prepareStatement("UPDATE bridge_dead_letter SET stage = ?, source_version = ?,"
                            + " reason_code = ?, reason = ?, payload = ?, attempts = attempts + 1, status = 'OPEN',"
                            + " last_failed_at = ? WHERE id = ?")) {
                        ps.setString(1, f.stage());
                        ps.setString(2, f.sourceVersion());
                        ps.setString(3, f.reasonCode());
                        ps.setString(4, reason);
                        ps.setString(5, f.payload());
                        ps.setTimestamp(6, now);
                        ps.setLong(7, open);
                        ps.executeUpdate();
                    }
                } else {
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO bridge_dead_letter (flow, stage, source_id,"
                            + " source_version, reason_code, reason, payload, attempts, status, first_failed_at, last_failed_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, 1, 'OPEN', ?, ?)")) {
                        ps.setString(1, f.flow());
                        ps.setString(2, f.stage());
                        ps.setString(3, f.sourceId());
                        ps.setString(4, f.sourceVersion());
                        ps.setString(5, f.reasonCode());
                        ps.setString(6, reason);
                        ps.setString(7, f.payload());
                        ps.setTimestamp(8, now);
                        ps.setTimestamp(9, now);
                        ps.executeUpdate();
                    }
                }
                c.commit();
                return true;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /**
     * "corrected" when {@code f} is the copy of a version that an edit replaced while the letter holds another one (the
     * edited copy; a person who edits a record back to what the source has gets its failures stored again); "resolved"
     * when a person resolved a letter holding exactly this record and version; else null.
     */
    private static String handledByPerson(Connection c, DeadLetter f) throws SQLException {
        if (f.sourceVersion() == null) {
            return null;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT a.replaced_sha256, d.payload FROM bridge_dead_letter_action a"
                + " JOIN bridge_dead_letter d ON d.id = a.letter_id WHERE a.source_id = ? AND a.flow = ?"
                + " AND a.source_version = ? AND a.action = 'EDITED'")) {
            bind(ps, f);
            try (ResultSet rs = ps.executeQuery()) {
                String hash = null;
                while (rs.next()) {
                    hash = hash == null ? LetterActions.sha256(f.payload()) : hash;
                    if (hash.equals(rs.getString(1)) && !String.valueOf(f.payload()).equals(rs.getString(2))) {
                        return "corrected (dlq edit)";
                    }
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT payload FROM bridge_dead_letter WHERE source_id = ?"
                + " AND flow = ? AND source_version = ? AND status = 'RESOLVED' AND resolved_by IS NOT NULL")) {
            bind(ps, f);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (String.valueOf(f.payload()).equals(rs.getString(1))) {
                        return "resolved (dlq resolve)";
                    }
                }
            }
        }
        return null;
    }

    private static void bind(PreparedStatement ps, DeadLetter f) throws SQLException {
        ps.setString(1, f.sourceId());
        ps.setString(2, f.flow());
        ps.setString(3, f.sourceVersion());
    }

    /** Open letters of a source record whose version is not newer than the one just delivered are resolved by it. */
    public int resolveDelivered(String flow, String sourceId, String deliveredVersion) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE bridge_dead_letter SET status = 'RESOLVED', resolved_at = ?"
                     + " WHERE flow = ? AND source_id = ? AND status <> 'RESOLVED'"
                     + " AND (source_version IS NULL OR source_version <= ?)")) {
            ps.setTimestamp(1, Timestamp.from(Instant.now()));
            ps.setString(2, flow);
            ps.setString(3, sourceId);
            ps.setString(4, deliveredVersion);
            return ps.executeUpdate();
        }
    }

    /**
     * Source versions that already have an OPEN letter, by source id: re-reading the same version (look-back, echo)
     * must not dead-letter it again; only a new version or `dlq retry` sends it through once more.
     */
    public java.util.Map<String, String> openVersions(String flow, java.util.Collection<String> sourceIds)
            throws SQLException {
        return versionsWithStatus(flow, sourceIds, "status = 'OPEN'");
    }

    /** Payloads of the OPEN letters of these source records, by source id. */
    public java.util.Map<String, String> openPayloads(String flow, java.util.Collection<String> sourceIds)
            throws SQLException {
        return columnWithStatus(flow, sourceIds, "payload", "status = 'OPEN'");
    }

    /** Source ids among {@code sourceIds} that have a letter not yet resolved, with that letter's version. */
    public java.util.Map<String, String> unresolved(String flow, java.util.Collection<String> sourceIds) throws SQLException {
        return versionsWithStatus(flow, sourceIds, "status <> 'RESOLVED'");
    }

    private java.util.Map<String, String> versionsWithStatus(String flow, java.util.Collection<String> sourceIds,
                                                           String statusCondition) throws SQLException {
        return columnWithStatus(flow, sourceIds, "source_version", statusCondition);
    }

    private java.util.Map<String, String> columnWithStatus(String flow, java.util.Collection<String> sourceIds,
                                                         String column, String statusCondition) throws SQLException {
        java.util.Map<String, String> out = new java.util.HashMap<>();
        List<String> ids = List.copyOf(sourceIds);
        try (Connection c = ds.getConnection()) {
            for (int from = 0; from < ids.size(); from += 500) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
                try (PreparedStatement ps = c.prepareStatement("SELECT source_id, " + column + " FROM bridge_dead_letter"
                        + " WHERE " + InList.of(kind, "source_id", chunk.size()) + " AND flow = ? AND " + statusCondition)) {
                    ps.setString(InList.bind(kind, ps, 1, chunk), flow);
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

    public List<DeadLetter> list(String flow, boolean includeResolved) throws SQLException {
        String sql = "SELECT " + COLS + " FROM bridge_dead_letter WHERE 1 = 1"
                + (flow != null ? " AND flow = ?" : "") + (includeResolved ? "" : " AND status <> 'RESOLVED'") + " ORDER BY id";
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (flow != null) {
                ps.setString(1, flow);
            }
            return read(ps);
        }
    }

    /** The OPEN letters of a flow with one reason code (e.g. documents waiting for a link), oldest first. */
    public List<DeadLetter> open(String flow, String reasonCode) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLS + " FROM bridge_dead_letter WHERE flow = ?"
                     + " AND reason_code = ? AND status = 'OPEN' ORDER BY id")) {
            ps.setString(1, flow);
            ps.setString(2, reasonCode);
            return read(ps);
        }
    }

    public Optional<DeadLetter> get(long id) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLS + " FROM bridge_dead_letter WHERE id = ?")) {
            ps.setLong(1, id);
            return read(ps).stream().findFirst();
        }
    }

    /** Marks letters for re-processing by the running flow (or the next run); returns how many were marked. */
    public int requestRetry(Long id, String flow) throws SQLException {
        String sql = "UPDATE bridge_dead_letter SET status = 'RETRY_REQUESTED' WHERE status = 'OPEN'"
                + (id != null ? " AND id = ?" : "") + (flow != null ? " AND flow = ?" : "");
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (id != null) {
                ps.setLong(i++, id);
            }
            if (flow != null) {
                ps.setString(i, flow);
            }
            return ps.executeUpdate();
        }
    }

    public List<DeadLetter> retryRequested(String flow) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLS + " FROM bridge_dead_letter WHERE flow = ?"
                     + " AND status = 'RETRY_REQUESTED' ORDER BY id")) {
            ps.setString(1, flow);
            return read(ps);
        }
    }

    /**
     * A re-sent letter is RETRYING until its record is processed again: delivered resolves it, a new failure makes it
     * OPEN with one more attempt.
     */
    public void markRetried(long id) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE bridge_dead_letter SET status = 'RETRYING' WHERE id = ?"
                     + " AND status = 'RETRY_REQUESTED'")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }

    /** Deletes letters resolved before {@code before}; open, retried and waiting letters stay whatever their age. */
    public int purgeResolved(Instant before) throws SQLException {
        int n = OldRows.delete(ds, "bridge_dead_letter", "status = 'RESOLVED' AND resolved_at < ?", before);
        // what people did to letters goes with them (an open letter keeps its history whatever its age)
        OldRows.delete(ds, "bridge_dead_letter_action", "at < ? AND letter_id NOT IN (SELECT id FROM bridge_dead_letter)",
                before);
        return n;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static List<DeadLetter> read(PreparedStatement ps) throws SQLException {
        List<DeadLetter> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new DeadLetter(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getString(8), rs.getInt(9), rs.getString(10),
                        rs.getTimestamp(11).toInstant(), rs.getTimestamp(12).toInstant(), instant(rs.getTimestamp(13)),
                        rs.getString(14), rs.getString(15)));
            }
        }
        return out;
    }
}
