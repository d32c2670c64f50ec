package io.cebridge.store;

import io.cebridge.config.Secret;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;

/**
 * A state store database of one test's own: an H2 file under the test's directory, or a database with a random name on
 * the shared PostgreSQL (5432) or MariaDB (3306), dropped on close.
 */
final class ThrowawayStoreDatabase implements AutoCloseable {
    final String url;
    final String user;
    private final String kind;
    private final String name;

    private ThrowawayStoreDatabase(String kind, String name, String url, String user) {
        this.kind = kind;
        this.name = name;
        this.url = url;
        this.user = user;
    }

    /** {@code kind}: h2, postgresql or mariadb. */
    static ThrowawayStoreDatabase create(String kind, Path tmp) throws Exception {
        String db = "cebridge_store_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        return switch (kind) {
            case "postgresql" -> {
                admin("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "CREATE DATABASE " + db);
                yield new ThrowawayStoreDatabase(kind, db, "jdbc:postgresql://127.0.0.1:5432/" + db, "postgres");
            }
            case "mariadb" -> {
                admin("jdbc:mariadb://127.0.0.1:3306/", "root", "CREATE DATABASE " + db);
                yield new ThrowawayStoreDatabase(kind, db, "jdbc:mariadb://127.0.0.1:3306/" + db, "root");
            }
            default -> new ThrowawayStoreDatabase(kind, db, StateStore.embeddedUrl(tmp), "");
        };
    }

    /** A migrated store on this database. */
    StateStore open(String poolName) {
        return new StateStore(Pools.open(poolName, url, user, new Secret(""), 3));
    }

    @Override
    public void close() throws Exception {
        if (kind.equals("postgresql")) {
            admin("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "DROP DATABASE " + name + " WITH (FORCE)");
        } else if (kind.equals("mariadb")) {
            admin("jdbc:mariadb://127.0.0.1:3306/", "root", "DROP DATABASE " + name);
        }
    }

    private static void admin(String url, String user, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
