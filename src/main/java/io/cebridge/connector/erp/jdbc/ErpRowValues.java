package io.cebridge.connector.erp.jdbc;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads ERP rows into canonical fields: column names in camelCase (order_no -> orderNo), decimals as BigDecimal,
 * dates as yyyy-MM-dd, timestamps as zone-less ISO text. REAL / FLOAT / DOUBLE columns (Northwind keeps money in
 * REAL) become the decimal the database shows for them (their shortest exact representation), so no binary float
 * reaches a mapping, Kafka or the CRM; NaN and the infinities, which have no decimal, stay text and hold their document
 * back naming the column.
 */
public final class ErpRowValues {
    private ErpRowValues() {
    }

    /** Key of a row (and then its document) holding a value that cannot be read as what its column says. */
    public static final String PROBLEM = "_problem";

    public static Map<String, Object> read(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            Object v = value(rs, i, md.getColumnType(i));
            if (v == null && isTemporal(md.getColumnType(i)) && rs.getString(i) != null) {
                // MySQL / MariaDB "zero dates" (0000-00-00) come back as null from the driver: not a date, and not
                // the same as no date either, so the document is held back with the reason instead of sent as empty
                row.putIfAbsent(PROBLEM, md.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT) + " holds '"
                        + rs.getString(i) + "', which is not a date; set it to NULL or a real date in the ERP");
            }
            if (v instanceof String text && isFloatingPoint(md.getColumnType(i))) {
                // NaN and the infinities are no decimal: the value stays as the ERP shows it and the document waits
                row.putIfAbsent(PROBLEM, md.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT) + " holds " + text
                        + ", which no CRM number field can hold; set it to NULL or a number in the ERP");
            }
            row.put(camel(md.getColumnLabel(i)), v);
        }
        return row;
    }

    private static boolean isFloatingPoint(int sqlType) {
        return sqlType == Types.REAL || sqlType == Types.FLOAT || sqlType == Types.DOUBLE;
    }

    private static boolean isTemporal(int sqlType) {
        return sqlType == Types.DATE || sqlType == Types.TIMESTAMP;
    }

    static Object value(ResultSet rs, int i, int sqlType) throws SQLException {
        switch (sqlType) {
            case Types.DECIMAL, Types.NUMERIC:
                return rs.getBigDecimal(i);
            case Types.REAL:
                float f = rs.getFloat(i);
                return rs.wasNull() ? null : Float.isFinite(f) ? new BigDecimal(Float.toString(f)) : Float.toString(f);
            case Types.FLOAT, Types.DOUBLE:
                double d = rs.getDouble(i);
                return rs.wasNull() ? null : Double.isFinite(d) ? BigDecimal.valueOf(d) : Double.toString(d);
            case Types.DATE:
                java.sql.Date date = rs.getDate(i);
                return date == null ? null : date.toLocalDate().toString();
            case Types.TIMESTAMP:
                java.time.LocalDateTime ts = rs.getObject(i, java.time.LocalDateTime.class);
                return ts == null ? null : ts.toString();
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER:
                int n = rs.getInt(i);
                return rs.wasNull() ? null : n;
            case Types.BIGINT:
                long l = rs.getLong(i);
                return rs.wasNull() ? null : l;
            case Types.BOOLEAN, Types.BIT:
                boolean b = rs.getBoolean(i);
                return rs.wasNull() ? null : b;
            case Types.CHAR:
                String s = rs.getString(i);
                return s == null ? null : s.stripTrailing(); // CHAR(3) currency codes come space-padded from some drivers
            default:
                return rs.getString(i);
        }
    }

    /** order_no -> orderNo; an underscore before a digit stays, so ar_1_30 stays ar_1_30 instead of becoming ar130. */
    public static String camel(String column) {
        String c = column.toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder();
        boolean up = false;
        for (int i = 0; i < c.length(); i++) {
            char ch = c.charAt(i);
            if (ch == '_') {
                up = out.length() > 0;
                if (i + 1 < c.length() && Character.isDigit(c.charAt(i + 1)) && out.length() > 0) {
                    out.append('_');
                    up = false;
                }
            } else {
                out.append(up ? Character.toUpperCase(ch) : ch);
                up = false;
            }
        }
        return out.toString();
    }
}
