package io.cebridge.connector.erp.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A target table's description read from the database itself, so identifiers named in mapping files are checked
 * against real columns (and quoted with their real case) and values are checked against column sizes.
 */
public final class ErpTable {
    private final String name;
    private final Map<String, ErpColumn> columns; // lower-case logical name -> column

    private ErpTable(String name, Map<String, ErpColumn> columns) {
        this.name = name;
        this.columns = columns;
    }

    public static ErpTable describe(Connection c, String table) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        String actual = null;
        String schema = null;
        for (String candidate : new String[] {table, table.toUpperCase(Locale.ROOT), table.toLowerCase(Locale.ROOT)}) {
            try (ResultSet rs = md.getTables(c.getCatalog(), null, candidate, new String[] {"TABLE"})) {
                while (rs.next()) {
                    String s = rs.getString("TABLE_SCHEM");
                    if (actual == null || "public".equalsIgnoreCase(s) || "PUBLIC".equals(s)) {
                        actual = rs.getString("TABLE_NAME");
                        schema = s;
                    }
                }
            }
            if (actual != null) {
                break;
            }
        }
        if (actual == null) {
            throw new SQLException("ERP table '" + table + "' does not exist in " + md.getURL().replaceAll("\\?.*", "")
                    + "; create it with `reference-erp` or fix the table name in the route file", "42S02");
        }
        Map<String, ErpColumn> cols = new LinkedHashMap<>();
        try (ResultSet rs = md.getColumns(c.getCatalog(), schema, actual, null)) {
            while (rs.next()) {
                String col = rs.getString("COLUMN_NAME");
                String def = rs.getString("COLUMN_DEF");
                String auto = rs.getString("IS_AUTOINCREMENT");
                cols.put(col.toLowerCase(Locale.ROOT), new ErpColumn(col, rs.getInt("DATA_TYPE"), rs.getString("TYPE_NAME"),
                        rs.getInt("COLUMN_SIZE"), rs.getInt("DECIMAL_DIGITS"),
                        rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls,
                        def != null || "YES".equalsIgnoreCase(auto)));
            }
        }
        return new ErpTable(actual, cols);
    }

    public String name() {
        return name;
    }

    public Optional<ErpColumn> column(String logicalName) {
        return Optional.ofNullable(columns.get(logicalName.toLowerCase(Locale.ROOT)));
    }

    public ErpColumn require(String logicalName) {
        return column(logicalName).orElseThrow(() -> new IllegalArgumentException(
                "table " + name + " has no column '" + logicalName + "'; its columns are " + columns.keySet()));
    }

    public Map<String, ErpColumn> columns() {
        return columns;
    }
}
