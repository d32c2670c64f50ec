package io.cebridge.it;

import com.zaxxer.hikari.HikariDataSource;
import io.cebridge.config.Secret;
import io.cebridge.erp.reference.ReferenceErpInstaller;
import io.cebridge.store.Pools;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh reference ERP database on H2, the local PostgreSQL or the local MariaDB (or another PostgreSQL server, such
 * as a test's own throw-away cluster), dropped on close.
 */
public final class TestErp implements AutoCloseable {
    public enum Kind { H2, POSTGRESQL, MARIADB }

    private static final String MONITOR = "it-monitor";

    public final Kind kind;
    public final String url;
    public final String user;
    private final String dbName;
    private final String serverUrl;
    private final HikariDataSource ds;

    private TestErp(Kind kind, String serverUrl, String url, String user, String dbName) {
        this.kind = kind;
        this.serverUrl = serverUrl;
        this.url = url;
        this.user = user;
        this.dbName = dbName;
        // on PostgreSQL the test's own sessions are named, so a fault test can end every session but its own
        this.ds = Pools.open("it-erp", kind == Kind.POSTGRESQL ? url + "?ApplicationName=" + MONITOR : url, user,
                new Secret(""), 2);
    }

    public static TestErp create(Kind kind, Path tmp) throws Exception {
        return create(kind, tmp, false);
    }

    /** With {@code seed}, the reference ERP's demo data (Classic Models orders, invoices, AR) is loaded too. */
    public static TestErp create(Kind kind, Path tmp, boolean seed) throws Exception {
        String name = newName();
        TestErp db;
        switch (kind) {
            case POSTGRESQL -> {
                return createPostgres("jdbc:postgresql://127.0.0.1:5432/", seed);
            }
            case MARIADB -> {
                try (Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/", "root", "");
                     Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
                }
                db = new TestErp(kind, "jdbc:mariadb://127.0.0.1:3306/", "jdbc:mariadb://127.0.0.1:3306/" + name, "root",
                        name);
            }
            default -> db = new TestErp(kind, null, "jdbc:h2:file:" + tmp.resolve("erp").resolve(name).toAbsolutePath()
                    + ";DB_CLOSE_ON_EXIT=FALSE", "", name);
        }
        new ReferenceErpInstaller(db.ds).install(seed);
        return db;
    }

    /** A reference ERP database on the PostgreSQL server at {@code serverUrl} (ending in '/'), user postgres, trust auth. */
    public static TestErp createPostgres(String serverUrl) throws Exception {
        return createPostgres(serverUrl, false);
    }

    public static TestErp createPostgres(String serverUrl, boolean seed) throws Exception {
        String name = newName();
        try (Connection c = DriverManager.getConnection(serverUrl + "postgres", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        TestErp db = new TestErp(Kind.POSTGRESQL, serverUrl, serverUrl + name, "postgres", name);
        new ReferenceErpInstaller(db.ds).install(seed);
        return db;
    }

    private static String newName() {
        return "cebridge_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /**
     * PostgreSQL: ends every session on this database except the test's own (pg_terminate_backend), as a crashed
     * server or a network cut would; returns how many were ended.
     */
    public int terminateOtherSessions() throws Exception {
        try (Connection c = DriverManager.getConnection(serverUrl + "postgres", "postgres", "");
             Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT COUNT(*) FILTER (WHERE pg_terminate_backend(pid)) FROM"
                     + " pg_stat_activity WHERE datname = '" + dbName + "' AND application_name <> '" + MONITOR + "'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    public HikariDataSource dataSource() {
        return ds;
    }

    /** Rows in erp_customer, read on a connection of its own. */
    public long customerCount() throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM erp_customer")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The first number of a query's first row, e.g. a COUNT(*). */
    public long scalar(String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The first column of every row of a query, as text. */
    public java.util.List<String> column(String sql) throws Exception {
        java.util.List<String> out = new java.util.ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** A query's first row by lower-case column label; empty when it has none. */
    public java.util.Map<String, Object> row(String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery(sql)) {
            java.util.Map<String, Object> m = new java.util.HashMap<>();
            if (rs.next()) {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    m.put(rs.getMetaData().getColumnLabel(i).toLowerCase(java.util.Locale.ROOT), rs.getObject(i));
                }
            }
            return m;
        }
    }

    public void execute(String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public void close() throws Exception {
        ds.close();
        if (kind == Kind.POSTGRESQL) {
            try (Connection c = DriverManager.getConnection(serverUrl + "postgres", "postgres", "");
                 Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + dbName + " WITH (FORCE)");
            }
        } else if (kind == Kind.MARIADB) {
            try (Connection c = DriverManager.getConnection(serverUrl, "root", "");
                 Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + dbName);
            }
        }
    }
}
