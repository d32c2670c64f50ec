package io.cebridge.reconcile;

import io.cebridge.connector.erp.jdbc.ErpColumn;
import io.cebridge.json.Json;
import java.math.BigDecimal;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Whether the value a flow would write equals the one an ERP column holds, by the column's type, the way the ERP
 * itself stores it: numbers by exact decimal value (12.5 = 12.50, 12.50 != 12.51, never rounded), CHAR columns
 * without the padding the database adds; everything else exactly (a trailing space, a full-width letter, an empty
 * text instead of NULL are differences). Nothing is trimmed, rounded or "fixed" to make two values agree.
 */
public final class ValueComparison {
    private ValueComparison() {
    }

    /** True when {@code stored} (read from the column) is what writing {@code expected} (mapped) would leave there. */
    public static boolean same(ErpColumn col, Object expected, Object stored) {
        if (expected == null || stored == null) {
            return expected == null && stored == null;
        }
        if (expected instanceof java.util.Map || expected instanceof java.util.Collection) {
            return false; // the mapping produced an object or a list: the flow would refuse it, it is never equal
        }
        if (col.isNumeric()) {
            BigDecimal e = decimal(expected);
            BigDecimal s = decimal(stored);
            return e != null && s != null && e.compareTo(s) == 0;
        }
        if (col.isChar()) {
            return String.valueOf(stored).stripTrailing().equals(String.valueOf(expected).stripTrailing());
        }
        if (col.jdbcType() == Types.DATE) {
            LocalDate s = stored instanceof java.sql.Date d ? d.toLocalDate() : parseDate(String.valueOf(stored));
            return s != null && s.equals(parseDate(String.valueOf(expected)));
        }
        if (col.jdbcType() == Types.TIMESTAMP || col.jdbcType() == Types.TIMESTAMP_WITH_TIMEZONE) {
            Instant s = stored instanceof java.sql.Timestamp t ? t.toInstant() : parseInstant(String.valueOf(stored));
            return s != null && s.equals(parseInstant(String.valueOf(expected)));
        }
        if (col.jdbcType() == Types.BOOLEAN || col.jdbcType() == Types.BIT) {
            return String.valueOf(stored).equalsIgnoreCase(String.valueOf(expected));
        }
        return String.valueOf(stored).equals(String.valueOf(expected));
    }

    /** A value as a report shows it: texts quoted (so spaces show), numbers in plain digits, NULL as null. */
    public static String show(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate().toString();
        }
        if (v instanceof java.sql.Timestamp t) {
            return t.toInstant().toString();
        }
        return Json.write(v instanceof java.util.Map || v instanceof java.util.Collection ? v : String.valueOf(v));
    }

    /** The value as JSON carries it in a --json report: numbers stay exact decimals, dates become ISO text. */
    static Object forJson(Object v) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof java.util.Map
                || v instanceof java.util.Collection) {
            return v;
        }
        if (v instanceof Number) {
            return decimal(v);
        }
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate().toString();
        }
        if (v instanceof java.sql.Timestamp t) {
            return t.toInstant().toString();
        }
        return String.valueOf(v);
    }

    private static BigDecimal decimal(Object v) {
        if (v instanceof BigDecimal d) {
            return d;
        }
        try {
            // the flow binds a number given as text after trimming it (ColumnValues.bind): the ERP holds that value
            return new BigDecimal(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static LocalDate parseDate(String s) {
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Instant parseInstant(String s) {
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
