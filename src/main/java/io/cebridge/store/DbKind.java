package io.cebridge.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/** The relational databases ce-bridge supports for its state store and as ERP targets. */
public enum DbKind {
    H2("h2"), POSTGRESQL("postgresql"), MARIADB("mysql");

    private final String migrationFolder;

    DbKind(String migrationFolder) {
        this.migrationFolder = migrationFolder;
    }

    public String migrationFolder() {
        return migrationFolder;
    }

    public static DbKind detect(Connection c) throws SQLException {
        String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("h2")) {
            return H2;
        }
        if (product.contains("postgres")) {
            return POSTGRESQL;
        }
        if (product.contains("mariadb") || product.contains("mysql")) {
            return MARIADB;
        }
        throw new SQLException("unsupported database '" + c.getMetaData().getDatabaseProductName()
                + "'; ce-bridge supports H2, PostgreSQL and MariaDB");
    }
}
