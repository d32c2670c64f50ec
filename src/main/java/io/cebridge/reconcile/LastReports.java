package io.cebridge.reconcile;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The last scheduled reconcile of each flow, in the state store: the report (PII masked, as `reconcile` shows it
 * without --show-pii) or why it could not be made, and its counts by kind (bridge_reconcile_report and
 * bridge_reconcile_count), for GET /api/reconcile/last and ce_bridge_reconcile_differences{flow,kind}.
 */
public final class LastReports {
    /** One flow's last run: {@code reportJson} is null when it failed ({@code error} says why). */
    public record Last(String flow, Instant ranAt, boolean agrees, String reportJson, String error) {
    }

    private final DataSource ds;

    public LastReports(DataSource ds) {
        this.ds = ds;
    }

    /** Replaces the flow's last report (masked) and its counts. */
    public void save(ReconcileReport report, Instant ranAt) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Finding.Kind k : Finding.Kind.values()) {
            counts.put(k.name(), report.count(k));
        }
        write(report.flow(), ranAt, report.agrees(), report.withPiiMasked().toJson(), null, counts);
    }

    /** Records that the flow's reconcile failed; its counts are left as the last report made them. */
    public void failed(String flow, Instant ranAt, String error) throws SQLException {
        write(flow, ranAt, false, null, error.length() <= 2000 ? error : error.substring(0, 1997) + "...", null);
    }

    private void write(String flow, Instant ranAt, boolean agrees, String json, String error, Map<String, Long> counts)
            throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                delete(c, "bridge_reconcile_report", flow);
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO bridge_reconcile_report (flow, ran_at, agrees,"
                        + " report, error) VALUES (?, ?, ?, ?, ?)")) {
                    ps.setString(1, flow);
                    ps.setTimestamp(2, Timestamp.from(ranAt));
                    ps.setInt(3, agrees ? 1 : 0);
                    ps.setString(4, json);
                    ps.setString(5, error);
                    ps.executeUpdate();
                }
                if (counts != null) {
                    delete(c, "bridge_reconcile_count", flow);
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO bridge_reconcile_count (flow, kind, n)"
                            + " VALUES (?, ?, ?)")) {
                        for (Map.Entry<String, Long> e : counts.entrySet()) {
                            ps.setString(1, flow);
                            ps.setString(2, e.getKey());
                            ps.setLong(3, e.getValue());
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Every flow's last run, by flow name. */
    public List<Last> all() throws SQLException {
        List<Last> out = new ArrayList<>();
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT flow, ran_at, agrees, report, error FROM"
                     + " bridge_reconcile_report ORDER BY flow");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Last(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getInt(3) == 1, rs.getString(4),
                        rs.getString(5)));
            }
        }
        return out;
    }

    private static void delete(Connection c, String table, String flow) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE flow = ?")) {
            ps.setString(1, flow);
            ps.executeUpdate();
        }
    }
}
