package io.cebridge.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** ID cross-reference between CRM and ERP records, with the last applied source version for stale-write checks. */
public final class XrefRepository {
    private static final int IN_CHUNK = 500;
    private final DataSource ds;
    private final DbKind kind;
    private final String upsertSql;

    XrefRepository(DataSource ds, DbKind kind) {
        this.ds = ds;
        this.kind = kind;
        this.upsertSql = Upserts.upsert(kind, "bridge_xref", List.of("entity_type", "crm_id"),
                List.of("erp_id", "source_version", "updated_at"));
    }

    public Map<String, XrefEntry> find(String entityType, Collection<String> crmIds) throws SQLException {
        Map<String, XrefEntry> out = new HashMap<>();
        List<String> ids = List.copyOf(new java.util.LinkedHashSet<>(crmIds)); // PostgreSQL's form: a row per id given
        try (Connection c = ds.getConnection()) {
            for (int from = 0; from < ids.size(); from += IN_CHUNK) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IN_CHUNK));
                // filter by crm_id alone so every database (H2 too) uses the crm_id index for the IN list
                String sql = InList.select(kind, "crm_id, erp_id, source_version, entity_type", "bridge_xref", "crm_id",
                        chunk.size());
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    InList.bind(kind, ps, 1, chunk);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            if (entityType.equals(rs.getString(4))) {
                                out.put(rs.getString(1), new XrefEntry(rs.getString(1), rs.getString(2), rs.getString(3)));
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    /** CRM ids of ERP records, by ERP id (for ERP -> CRM flows that link documents to their customer's CRM record). */
    public Map<String, String> crmIdsByErp(String entityType, Collection<String> erpIds) throws SQLException {
        Map<String, String> out = new HashMap<>();
        List<String> ids = List.copyOf(erpIds);
        try (Connection c = ds.getConnection()) {
            for (int from = 0; from < ids.size(); from += IN_CHUNK) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IN_CHUNK));
                String sql = "SELECT erp_id, crm_id FROM bridge_xref WHERE entity_type = ? AND erp_id IN ("
                        + "?,".repeat(chunk.size() - 1) + "?)";
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setString(1, entityType);
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setString(i + 2, chunk.get(i));
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

    public void upsert(String entityType, List<XrefEntry> entries) throws SQLException {
        upsert(entityType, entries, List.of());
    }

    /**
     * The links and the audit rows of one delivery batch, one JDBC batch each, in one transaction: all or none (one
     * connection and one commit per delivery batch instead of one for each table).
     */
    public void upsert(String entityType, List<XrefEntry> entries, List<AuditEntry> audit) throws SQLException {
        if (entries.isEmpty() && audit.isEmpty()) {
            return;
        }
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                Pools.planOnce(c, kind);
                if (!entries.isEmpty()) {
                    Timestamp now = Timestamp.from(Instant.now());
                    try (PreparedStatement ps = c.prepareStatement(upsertSql)) {
                        for (XrefEntry e : entries) {
                            ps.setString(1, entityType);
                            ps.setString(2, e.crmId());
                            ps.setString(3, e.erpId());
                            ps.setString(4, e.sourceVersion());
                            ps.setTimestamp(5, now);
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                }
                AuditRepository.append(c, audit);
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /**
     * Forgets the links of these CRM records (e.g. `reconcile --repair` for records whose ERP row is gone): their next
     * delivery creates or finds their ERP row again instead of trusting a link to a row that no longer exists.
     */
    public int remove(String entityType, Collection<String> crmIds) throws SQLException {
        int n = 0;
        List<String> ids = List.copyOf(crmIds);
        try (Connection c = ds.getConnection()) {
            for (int from = 0; from < ids.size(); from += IN_CHUNK) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IN_CHUNK));
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM bridge_xref WHERE entity_type = ? AND crm_id IN ("
                        + "?,".repeat(chunk.size() - 1) + "?)")) {
                    ps.setString(1, entityType);
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setString(i + 2, chunk.get(i));
                    }
                    n += ps.executeUpdate();
                }
            }
        }
        return n;
    }
}
