package io.cebridge.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/** One JDBC batch of the store's own rows in one transaction: all of them are written, or none. */
final class BatchWrite {
    private BatchWrite() {
    }

    /** Binds one entry's values to the statement (without adding it to the batch). */
    interface Binder<T> {
        void bind(PreparedStatement ps, T entry) throws SQLException;
    }

    static <T> void run(DataSource ds, DbKind kind, String sql, List<T> entries, Binder<T> binder)
            throws SQLException {
        if (entries.isEmpty()) {
            return;
        }
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                Pools.planOnce(c, kind);
                for (T e : entries) {
                    binder.bind(ps, e);
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }
}
