package io.cebridge.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;

/**
 * A state store that several instances of one test share: a database of its own on the shared PostgreSQL server
 * (127.0.0.1:5432), created empty, pointed at by each instance's harness, dropped at the end.
 */
public final class SharedStoreDatabase {
    private SharedStoreDatabase() {
    }

    /** Creates an empty database with a unique name and returns that name. */
    public static String create() throws Exception {
        String db = "cebridge_it_store_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        admin("CREATE DATABASE " + db);
        return db;
    }

    /** Points an instance's harness at the shared store. */
    public static void use(BridgeHarness h, String db) {
        h.overrides.put("bridge.store.jdbc-url", "jdbc:postgresql://127.0.0.1:5432/" + db);
        h.overrides.put("bridge.store.username", "postgres");
    }

    /** Drops the database, connections the instances left open included. */
    public static void drop(String db) throws Exception {
        admin("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
    }

    private static void admin(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
