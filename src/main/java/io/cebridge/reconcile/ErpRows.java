package io.cebridge.reconcile;

import io.cebridge.connector.erp.jdbc.ErpColumn;
import io.cebridge.connector.erp.jdbc.ErpDialect;
import io.cebridge.connector.erp.jdbc.ErpTable;
import io.cebridge.store.DbKind;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Reads rows of one ERP table as the database holds them (no conversion), with the columns a flow owns plus the ones
 * asked for; column names are checked against the table's own description and quoted in its dialect. Rows are maps
 * keyed by lower-case column name.
 */
final class ErpRows {
    private static final int IN_CHUNK = 500;
    private final DataSource ds;
    private final ErpTable table;
    private final ErpDialect dialect;
    private final List<ErpColumn> columns;

    ErpRows(DataSource ds, String table, List<String> columns) throws SQLException {
        this.ds = ds;
        try (Connection c = ds.getConnection()) {
            this.dialect = ErpDialect.of(DbKind.detect(c));
            this.table = ErpTable.describe(c, table);
        }
        List<String> missing = columns.stream().filter(n -> this.table.column(n).isEmpty()).toList();
        if (!missing.isEmpty()) {
            throw new SQLException("ERP table " + this.table.name() + " has no column " + missing
                    + "; the route file names it", "42S22");
        }
        List<ErpColumn> cols = new ArrayList<>();
        columns.stream().distinct().forEach(n -> cols.add(this.table.require(n)));
        this.columns = List.copyOf(cols);
    }

    ErpTable table() {
        return table;
    }

    /** Every row of the table. */
    List<Map<String, Object>> all() throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + select() + " FROM " + dialect.quote(table.name()))) {
            return read(ps);
        }
    }

    /** The rows whose {@code column} is one of {@code values}. */
    List<Map<String, Object>> rowsBy(String column, Collection<String> values) throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        ErpColumn where = table.require(column);
        // a value that is not a number cannot be in a numeric column (and is no reason to fail the query)
        List<String> all = values.stream().filter(v -> !where.isNumeric() || isNumber(v)).distinct().toList();
        try (Connection c = ds.getConnection()) {
            for (int from = 0; from < all.size(); from += IN_CHUNK) {
                List<String> chunk = all.subList(from, Math.min(all.size(), from + IN_CHUNK));
                try (PreparedStatement ps = c.prepareStatement("SELECT " + select() + " FROM " + dialect.quote(table.name())
                        + " WHERE " + dialect.quote(where.name()) + " IN (" + "?,".repeat(chunk.size() - 1) + "?)")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setObject(i + 1, where.isNumeric() ? new BigDecimal(chunk.get(i).trim()) : chunk.get(i));
                    }
                    out.addAll(read(ps));
                }
            }
        }
        return out;
    }

    private static boolean isNumber(String v) {
        try {
            new BigDecimal(v.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private String select() {
        return String.join(", ", columns.stream().map(c -> dialect.quote(c.name())).toList());
    }

    private List<Map<String, Object>> read(PreparedStatement ps) throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 0; i < columns.size(); i++) {
                    row.put(columns.get(i).name().toLowerCase(Locale.ROOT), rs.getObject(i + 1));
                }
                out.add(row);
            }
        }
        return out;
    }
}
