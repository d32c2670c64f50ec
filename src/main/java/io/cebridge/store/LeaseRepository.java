package io.cebridge.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * Leases in the shared state store, so that of several instances only one polls a source at a time: a lease is
 * taken when free or expired, renewed by its owner, and passes to another instance when its owner stops renewing.
 */
public final class LeaseRepository {
    private final DataSource ds;

    LeaseRepository(DataSource ds) {
        this.ds = ds;
    }

    /** True when {@code owner} holds the lease {@code name} for the next {@code duration}. */
    public boolean acquire(String name, String owner, Duration duration) throws SQLException {
        Instant now = Instant.now();
        try (Connection c = ds.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE bridge_lease SET owner = ?, expires_at = ?, renewed_at = ?"
                    + " WHERE name = ? AND (owner = ? OR expires_at < ?)")) {
                ps.setString(1, owner);
                ps.setTimestamp(2, Timestamp.from(now.plus(duration)));
                ps.setTimestamp(3, Timestamp.from(now));
                ps.setString(4, name);
                ps.setString(5, owner);
                ps.setTimestamp(6, Timestamp.from(now));
                if (ps.executeUpdate() == 1) {
                    return true;
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO bridge_lease (name, owner, expires_at, renewed_at)"
                    + " VALUES (?, ?, ?, ?)")) {
                ps.setString(1, name);
                ps.setString(2, owner);
                ps.setTimestamp(3, Timestamp.from(now.plus(duration)));
                ps.setTimestamp(4, Timestamp.from(now));
                ps.executeUpdate();
                return true;
            } catch (SQLException taken) {
                if (taken.getSQLState() != null && taken.getSQLState().startsWith("23")) {
                    return false; // another instance holds it (or took it a moment ago)
                }
                throw taken;
            }
        }
    }

    /**
     * Gives the lease up at shutdown so another instance can take over at once; the row stays, expired, so `status`
     * still shows when the flow last polled.
     */
    public void release(String name, String owner) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE bridge_lease SET expires_at = ? WHERE name = ? AND owner = ?")) {
            ps.setTimestamp(1, Timestamp.from(Instant.now().minusMillis(1)));
            ps.setString(2, name);
            ps.setString(3, owner);
            ps.executeUpdate();
        }
    }

    /** Who holds or last held the lease {@code name} (its row stays after it expires), or null when nobody ever did. */
    public String owner(String name) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT owner FROM bridge_lease WHERE name = ?")) {
            ps.setString(1, name);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
