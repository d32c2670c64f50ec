package io.cebridge.demo;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Comparator;

/**
 * Value rules of the demo objects other than Account: what a stored value may be (text, BigDecimal, Boolean or null) and how
 * two values compare in SOQL and external-id matching.
 */
final class SObjectValues {

    /** Total order used by WHERE and ORDER BY; nulls are handled by the callers. */
    static final Comparator<Object> ORDER = SObjectValues::compare;

    private SObjectValues() {
    }

    /**
     * The stored form of a JSON value, or null when the value has no stored form (a list or object). Integers become
     * BigDecimal so 5 and 5.0 compare equal; datetimes are re-formatted as Salesforce returns them, so stored values
     * and SOQL datetime literals compare as text.
     */
    static Object stored(Object value) {
        if (value instanceof BigDecimal || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
            return new BigDecimal(value.toString());
        }
        if (value instanceof String text) {
            Instant instant = text.length() >= 19 && text.charAt(10) == 'T' ? SalesforceDateTimes.parseOrNull(text) : null;
            return instant == null ? text : SalesforceDateTimes.format(instant);
        }
        return null;
    }

    /** True when a stored value matches another the way Salesforce matches external ids: text ignoring case. */
    static boolean same(Object a, Object b) {
        return a != null && b != null && compare(a, b) == 0;
    }

    private static int compare(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y);
        }
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return x.compareTo(y);
        }
        // Text, dates (yyyy-MM-dd) and datetimes (fixed-width UTC) all order correctly as text.
        return String.CASE_INSENSITIVE_ORDER.compare(String.valueOf(a), String.valueOf(b));
    }
}
