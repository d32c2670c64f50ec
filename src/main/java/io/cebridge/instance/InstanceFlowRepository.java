package io.cebridge.instance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * What each running instance runs, in the state store (bridge_instance_flow): one row per flow of its route files with
 * the state its routes have, rewritten every few seconds by the instance and removed when it stops, so `status` on
 * any host shows the flows of the instance that runs rather than its own configuration's.
 */
public final class InstanceFlowRepository {
    /** One flow as one instance runs it: running, stopped, disabled or failed (detail: why). */
    public record FlowState(String instanceId, String flow, String state, String detail, Instant seenAt) {
    }

    private final DataSource ds;

    public InstanceFlowRepository(DataSource ds) {
        this.ds = ds;
    }

    /** Replaces the rows of this instance with {@code flows}, at once. */
    public void save(String instanceId, List<FlowState> flows) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                delete(c, instanceId);
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO bridge_instance_flow (instance_id, flow,"
                        + " state, detail, seen_at) VALUES (?, ?, ?, ?, ?)")) {
                    for (FlowState f : flows) {
                        ps.setString(1, instanceId);
                        ps.setString(2, f.flow());
                        ps.setString(3, f.state());
                        ps.setString(4, f.detail() == null ? null : cut(f.detail(), 1000));
                        ps.setTimestamp(5, Timestamp.from(f.seenAt()));
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Removes this instance's rows (it stops). */
    public void remove(String instanceId) throws SQLException {
        try (Connection c = ds.getConnection()) {
            delete(c, instanceId);
        }
    }

    /** The rows written since {@code since} (the instances alive then), oldest instance first. */
    public List<FlowState> seenSince(Instant since) throws SQLException {
        List<FlowState> out = new ArrayList<>();
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT instance_id, flow, state, detail, seen_at FROM"
                     + " bridge_instance_flow WHERE seen_at >= ? ORDER BY instance_id, flow")) {
            ps.setTimestamp(1, Timestamp.from(since));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new FlowState(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getTimestamp(5).toInstant()));
                }
            }
        }
        return out;
    }

    private static void delete(Connection c, String instanceId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM bridge_instance_flow WHERE instance_id = ?")) {
            ps.setString(1, instanceId);
            ps.executeUpdate();
        }
    }

    /** A detail is a reason for a person; it is cut, visibly, rather than refused by the column. */
    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }
}
