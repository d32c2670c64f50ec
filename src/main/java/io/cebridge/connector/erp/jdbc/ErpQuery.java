package io.cebridge.connector.erp.jdbc;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * A read-only query of a flow's mapping directory (e.g. mappings/returns/order-line.sql) with named parameters
 * ({@code :orderNo}) taken from a record: rows come back with camelCase keys, values read as the ERP documents'
 * are ({@link ErpRowValues}). A parameter the record lacks is bound as NULL.
 */
public final class ErpQuery {
    private final DataSource erp;
    private final String file;
    private final NamedSql sql;

    public ErpQuery(DataSource erp, String file, String text) {
        this.erp = erp;
        this.file = file;
        this.sql = new NamedSql(text);
        String first = text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("--")).findFirst()
                .orElse("").toLowerCase(java.util.Locale.ROOT);
        if (!first.startsWith("select") && !first.startsWith("with")) {
            throw new IllegalArgumentException(file + ": an enrichment query reads only: it must be a SELECT");
        }
    }

    /** The query in {@code relative} under the mapping directory {@code root}, named by its relative path. */
    public static ErpQuery fromFile(DataSource erp, Path root, String relative) {
        Path file = root.resolve(relative);
        try {
            return new ErpQuery(erp, relative, Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    public String file() {
        return file;
    }

    /** The parameter names the query uses. */
    public List<String> parameters() {
        return sql.names();
    }

    /** The rows for these parameter values. */
    public List<Map<String, Object>> run(Map<String, Object> params) {
        try (Connection c = erp.getConnection()) {
            return run(c, params); // the SELECT check of the constructor is the guard: no read-only toggling per call
        } catch (SQLException e) {
            throw JdbcUpsertWriter.asFailure("the query " + file, e);
        }
    }

    /** The rows for these parameter values, read on the caller's connection (inside its transaction). */
    public List<Map<String, Object>> run(Connection c, Map<String, Object> params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql.jdbc())) {
            int i = 1;
            for (String name : sql.names()) {
                bind(ps, i++, params.get(name));
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> row = ErpRowValues.read(rs);
                    if (row.get(ErpRowValues.PROBLEM) != null) { // NaN, a zero date: the record that asked fails alone
                        throw new IllegalStateException("the query " + file + " read " + row.get(ErpRowValues.PROBLEM));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    private static void bind(PreparedStatement ps, int index, Object v) throws SQLException {
        if (v == null) {
            ps.setNull(index, Types.VARCHAR);
        } else if (v instanceof Integer || v instanceof Long) {
            ps.setLong(index, ((Number) v).longValue());
        } else if (v instanceof Number n) {
            ps.setBigDecimal(index, new BigDecimal(n.toString()));
        } else if (v instanceof Boolean b) {
            ps.setBoolean(index, b);
        } else {
            ps.setString(index, v.toString());
        }
    }
}
