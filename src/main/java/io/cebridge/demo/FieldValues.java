package io.cebridge.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * A JSON value in the stored form of a described field, read as Salesforce's REST API reads it: a number field takes a
 * JSON number or a string holding one ("2.000", as mappings send exact decimals), a checkbox true/false or "true" /
 * "false", a date "yyyy-MM-dd", a datetime ISO 8601, a text field text or a number (kept as written).
 */
final class FieldValues {
    private FieldValues() {
    }

    /** The stored value; null for a null value, and for a value the field cannot take (the caller refuses it). */
    static Object typed(SObjectDescribe.Field field, Object value) {
        Object stored = SObjectValues.stored(value);
        if (stored == null) {
            return null;
        }
        return switch (field.type()) {
            case "currency", "double", "percent", "int", "long" -> number(stored);
            case "boolean" -> stored instanceof Boolean ? stored : bool(stored);
            case "date" -> stored instanceof String text && isDate(text) ? text : null;
            case "datetime" -> stored instanceof String text && SalesforceDateTimes.parseOrNull(text) != null ? stored : null;
            default -> stored instanceof BigDecimal n ? n.toPlainString() : stored instanceof String ? stored : null;
        };
    }

    private static Object number(Object stored) {
        if (stored instanceof BigDecimal) {
            return stored;
        }
        if (stored instanceof String text) {
            try {
                return new BigDecimal(text.strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static Object bool(Object stored) {
        if (stored instanceof String text && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
            return Boolean.valueOf(text);
        }
        return null;
    }

    private static boolean isDate(String text) {
        try {
            LocalDate.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
