package io.cebridge.demo;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.function.Predicate;

/** SOQL comparison semantics for the demo Account field types (WHERE operators and ORDER BY). */
final class SoqlComparisons {

    private SoqlComparisons() {
    }

    /**
     * A WHERE predicate. Text compares case-insensitively as in SOQL; ids and datetimes compare ordinally,
     * which is correct because both are stored in fixed-width, order-preserving forms.
     * A null field matches only {@code = null} and {@code != anything-but-null}.
     */
    static Predicate<AccountRow> predicate(AccountFields.Field field, String operator, Object literal) {
        int index = field.index();
        Comparator<String> comparator = comparator(field.type());
        return row -> {
            String value = row.get(index);
            if (literal == null || value == null) {
                boolean bothNull = literal == null && value == null;
                return switch (operator) {
                    case "=" -> bothNull;
                    case "!=" -> !bothNull;
                    default -> false;
                };
            }
            int cmp = comparator.compare(value, (String) literal);
            return holds(operator, cmp);
        };
    }

    /** Whether a SOQL comparison holds, given how the value compares to the literal. */
    static boolean holds(String operator, int cmp) {
        return switch (operator) {
            case "=" -> cmp == 0;
            case "!=" -> cmp != 0;
            case "<" -> cmp < 0;
            case "<=" -> cmp <= 0;
            case ">" -> cmp > 0;
            case ">=" -> cmp >= 0;
            default -> throw new IllegalArgumentException("operator " + operator);
        };
    }

    /** An ORDER BY comparator for one field. */
    static Comparator<AccountRow> comparator(AccountFields.Field field, boolean descending,
            boolean nullsFirst) {
        Comparator<String> values = comparator(field.type());
        if (descending) {
            values = values.reversed();
        }
        Comparator<String> withNulls = nullsFirst ? Comparator.nullsFirst(values) : Comparator.nullsLast(values);
        int index = field.index();
        return (a, b) -> withNulls.compare(a.get(index), b.get(index));
    }

    // Ids, dates and datetimes are stored fixed-width, so their text order is their value order; currency is not.
    private static Comparator<String> comparator(AccountFields.Type type) {
        return switch (type) {
            case STRING -> String.CASE_INSENSITIVE_ORDER;
            case CURRENCY -> Comparator.comparing(BigDecimal::new);
            default -> Comparator.naturalOrder();
        };
    }
}
