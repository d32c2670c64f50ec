package io.cebridge.store;

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
 * Deletes the rows of a store table that a retention period has passed, a thousand at a time, each chunk in its own
 * short transaction so the flows writing the same table are never held up by one long delete. By id, because
 * PostgreSQL has no DELETE ... LIMIT and MariaDB refuses a subquery on the table it deletes from.
 */
final class OldRows {
    private static final int CHUNK = 1000;

    private OldRows() {
    }

    /** Deletes rows of {@code table} matching {@code condition} (one '?' bound to {@code before}); returns how many. */
    static int delete(DataSource ds, String table, String condition, Instant before) throws SQLException {
        int deleted = 0;
        while (true) {
            List<Long> ids = new ArrayList<>();
            try (Connection c = ds.getConnection();
                 PreparedStatement ps = c.prepareStatement("SELECT id FROM " + table + " WHERE " + condition)) {
                ps.setMaxRows(CHUNK);
                ps.setTimestamp(1, Timestamp.from(before));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
                if (ids.isEmpty()) {
                    return deleted;
                }
                try (PreparedStatement del = c.prepareStatement("DELETE FROM " + table + " WHERE id IN ("
                        + "?,".repeat(ids.size() - 1) + "?)")) {
                    for (int i = 0; i < ids.size(); i++) {
                        del.setLong(i + 1, ids.get(i));
                    }
                    deleted += del.executeUpdate();
                }
            }
            if (ids.size() < CHUNK) {
                return deleted;
            }
        }
    }
}
