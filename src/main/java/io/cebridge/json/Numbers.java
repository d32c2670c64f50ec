package io.cebridge.json;

import com.fasterxml.jackson.core.StreamReadConstraints;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a number read from JSON can be written out as the digits a column or a text field would hold. A JSON number
 * such as {@code 1e999999999} is a few bytes on the wire but a billion digits written out ({@code toPlainString} runs
 * the heap out; {@code 1e2147483647} overflows the array size): such a value is refused, naming the field, before
 * anything turns it into text. NaN and the infinities are no number a database or CRM field holds.
 */
public final class Numbers {
    /** Most digits a number may have written out: Jackson's own limit on the length of a number it reads. */
    public static final int MAX_DIGITS = StreamReadConstraints.DEFAULT_MAX_NUM_LEN;
    /** Reason code of a record refused for such a number. */
    public static final String REASON_CODE = "UNREPRESENTABLE_NUMBER";

    private Numbers() {
    }

    /** Why the value cannot be written out as plain digits, or null when it can (or is not a number). */
    public static String problem(Object value) {
        if (value instanceof BigDecimal d) {
            long digits = plainDigits(d);
            return digits <= MAX_DIGITS ? null : "the number " + d + " has " + digits + " digits written out; at most "
                    + MAX_DIGITS + " are accepted";
        }
        if (value instanceof Double || value instanceof Float) {
            double x = ((Number) value).doubleValue();
            if (Double.isNaN(x)) {
                return "NaN is not a number a database column or CRM field can hold";
            }
            if (Double.isInfinite(x)) {
                return (x > 0 ? "Infinity" : "-Infinity") + " is not a number a database column or CRM field can hold";
            }
        }
        return null;
    }

    /** The number as a message may quote it: plain digits when it has few enough, else its scientific notation. */
    public static String forMessage(BigDecimal d) {
        return plainDigits(d) <= MAX_DIGITS ? d.toPlainString() : d.toString();
    }

    /** Digits of {@link BigDecimal#toPlainString()} without building it (scale and precision are ints: no overflow in long). */
    static long plainDigits(BigDecimal d) {
        long precision = d.precision();
        long scale = d.scale();
        return scale <= 0 ? precision - scale : Math.max(precision, scale + 1);
    }

    /**
     * The first value of a record (nested objects and lists included) that cannot be represented, as
     * {@code "Field.sub[2]: why"}; empty when every value can.
     */
    public static Optional<String> firstUnrepresentable(Map<String, ?> record) {
        return Optional.ofNullable(find("", record));
    }

    private static String find(String path, Object value) {
        if (value instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String found = find(path.isEmpty() ? String.valueOf(e.getKey()) : path + "." + e.getKey(), e.getValue());
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        if (value instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                String found = find(path + "[" + i + "]", l.get(i));
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        String why = problem(value);
        return why == null ? null : path + ": " + why;
    }
}
