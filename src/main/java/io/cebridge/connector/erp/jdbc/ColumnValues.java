package io.cebridge.connector.erp.jdbc;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/** Checks, binds and compares mapped values by the target column's type; nothing is truncated or rounded. */
final class ColumnValues {
    private ColumnValues() {
    }

    /** Why the value cannot be stored in the column as it is, or null when it can. */
    static String problem(ErpTable table, ErpColumn col, Object value) {
        if (col.isText() && value instanceof String s && (col.size() <= 0 || s.length() <= col.size())) {
            return null; // every record of a load: no more code points than chars, no message to build
        }
        String where = table.name() + "." + col.name();
        if (value == null) {
            return col.nullable() || col.hasDefault() ? null : where + " requires a value (NOT NULL)";
        }
        if (value instanceof java.util.Map || value instanceof java.util.Collection) {
            return "value for " + where + " is " + (value instanceof java.util.Map ? "an object" : "a list")
                    + ", not a single value; check the mapping";
        }
        String unrepresentable = io.cebridge.json.Numbers.problem(value);
        if (unrepresentable != null) {
            return "value for " + where + ": " + unrepresentable;
        }
        if (col.isText()) {
            String s = String.valueOf(value);
            int len = s.codePointCount(0, s.length());
            if (col.size() > 0 && len > col.size()) {
                return "value for " + where + " has " + len + " characters; the column holds " + col.size()
                        + " (not truncated)";
            }
            return null;
        }
        if (col.isNumeric()) {
            BigDecimal d;
            try {
                d = new BigDecimal(String.valueOf(value).trim());
            } catch (NumberFormatException e) {
                return "value '" + value + "' for " + where + " is not a number";
            }
            if ((col.jdbcType() == Types.DECIMAL || col.jdbcType() == Types.NUMERIC) && col.size() > 0) {
                if (Math.max(d.scale(), 0) > col.scale()) {
                    return "value " + io.cebridge.json.Numbers.forMessage(d) + " for " + where + " has more than " + col.scale()
                            + " decimals (not rounded)";
                }
                int intDigits = d.precision() - d.scale();
                if (intDigits > col.size() - col.scale()) {
                    return "value " + io.cebridge.json.Numbers.forMessage(d) + " is too large for " + where + " (" + col.typeName() + "("
                            + col.size() + "," + col.scale() + "))";
                }
            }
            return null;
        }
        return null;
    }

    static void bind(PreparedStatement ps, int index, ErpColumn col, Object value) throws SQLException {
        if (value == null) {
            ps.setNull(index, col.jdbcType());
        } else if (col.isText()) {
            ps.setString(index, String.valueOf(value));
        } else if (col.isNumeric()) {
            ps.setBigDecimal(index, new BigDecimal(String.valueOf(value).trim()));
        } else if (col.jdbcType() == Types.BOOLEAN || col.jdbcType() == Types.BIT) {
            ps.setBoolean(index, Boolean.parseBoolean(String.valueOf(value)));
        } else if (col.jdbcType() == Types.DATE) {
            ps.setObject(index, LocalDate.parse(String.valueOf(value)));
        } else if (col.jdbcType() == Types.TIMESTAMP || col.jdbcType() == Types.TIMESTAMP_WITH_TIMEZONE) {
            ps.setTimestamp(index, Timestamp.from(Instant.parse(String.valueOf(value))));
        } else {
            ps.setObject(index, value);
        }
    }

    /** Whether the stored value equals the new one, by the column's type (CHAR padding and numeric scale ignored). */
    static boolean same(ErpColumn col, Object stored, Object incoming) {
        if (stored == null || incoming == null) {
            return stored == null && incoming == null;
        }
        if (col.isNumeric()) {
            try {
                return new BigDecimal(String.valueOf(stored).trim()).compareTo(new BigDecimal(String.valueOf(incoming).trim()))
                        == 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        if (col.isChar()) {
            return String.valueOf(stored).stripTrailing().equals(String.valueOf(incoming).stripTrailing());
        }
        if (stored instanceof Timestamp t) {
            return Objects.equals(t.toInstant().toString(), Instant.parse(String.valueOf(incoming)).toString());
        }
        return String.valueOf(stored).equals(String.valueOf(incoming));
    }
}
