package io.cebridge.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.cebridge.config.Secret;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Builds connection pools; the password is handed to Hikari only, never logged. */
public final class Pools {
    /**
     * For a PostgreSQL transaction writing rows of bound values (SET LOCAL): one plan for all of them. An INSERT of
     * bound values plans the same whatever the values, and with the pools' {@code force_custom_plan} PostgreSQL planned
     * it again for every row (the 200,000-record peer benchmark: 2.4 s of the ERP upsert's 3.2 s; the PostgreSQL state
     * store's link, audit and claim inserts 3.8 s), where Debezium's sink, on a generic plan, spent none.
     */
    private static final String PLAN_ONCE = "plan_cache_mode = force_generic_plan";

    private Pools() {
    }

    /** {@link #PLAN_ONCE} for the transaction {@code c} is in, on PostgreSQL; nothing elsewhere. */
    public static void planOnce(Connection c, DbKind kind) throws SQLException {
        if (kind == DbKind.POSTGRESQL) {
            try (Statement st = c.createStatement()) {
                st.execute("SET LOCAL " + PLAN_ONCE);
            }
        }
    }

    public static HikariDataSource open(String name, String jdbcUrl, String user, Secret password, int maxSize) {
        HikariConfig hc = new HikariConfig();
        hc.setPoolName(name);
        hc.setJdbcUrl(jdbcUrl);
        if (user != null && !user.isEmpty()) {
            hc.setUsername(user);
        }
        if (password != null && !password.isEmpty()) {
            hc.setPassword(password.reveal());
        }
        hc.setMaximumPoolSize(maxSize);
        hc.setMinimumIdle(1);
        hc.setAutoCommit(true);
        // fail fast at start with a clear message instead of waiting 30 s per attempt
        hc.setInitializationFailTimeout(-1);
        hc.setConnectionTimeout(10_000);
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            // The driver turns a statement into a server-side prepared one after a few uses, and PostgreSQL may then
            // keep a generic plan made while the table was still small: lookups by key stay sequential scans as the
            // table grows (seen in the 200k benchmark: 0.8 s per 500-key lookup). Plan each execution for its values;
            // a transaction writing many rows plans them once (planOnce).
            hc.setConnectionInitSql("SET plan_cache_mode = force_custom_plan");
        }
        return new HikariDataSource(hc);
    }
}
