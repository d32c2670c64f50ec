package io.cebridge.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Checks a field map sent by an API client for create or update, producing Salesforce save errors. */
final class AccountWriteValidator {

    /**
     * The outcome of validation.
     *
     * @param changes canonical field name to text value (or null), only meaningful when errors is empty
     * @param errors save errors in the {@code {"statusCode","message","fields"}} shape
     */
    record Result(Map<String, Object> changes, List<Map<String, Object>> errors) {
        boolean ok() {
            return errors.isEmpty();
        }
    }

    // Currency(16, 2): 16 digits of which 2 are decimals.
    private static final int MAX_CURRENCY_INTEGER_DIGITS = 14;

    private AccountWriteValidator() {
    }

    /** Validates the fields of one record; "attributes" is envelope data and is skipped. */
    static Result validate(Map<String, Object> body, boolean creating) {
        Map<String, Object> changes = new LinkedHashMap<>();
        List<Map<String, Object>> errors = new ArrayList<>();
        for (Map.Entry<String, Object> entry : body.entrySet()) {
            String key = entry.getKey();
            if (key.equals("attributes")) {
                continue;
            }
            AccountFields.Field field = AccountFields.find(key).orElse(null);
            if (field == null) {
                errors.add(SalesforceErrors.record("INVALID_FIELD",
                        "No such column '" + key + "' on sobject of type Account", List.of(key)));
                continue;
            }
            if (!field.writable()) {
                errors.add(SalesforceErrors.record("INVALID_FIELD_FOR_INSERT_UPDATE",
                        "Unable to create/update fields: " + field.name() + ". Please check the security settings"
                                + " of this field and verify that it is read/write for your profile or permission set.",
                        List.of(field.name())));
                continue;
            }
            Object value = entry.getValue();
            if (value instanceof Map || value instanceof List) {
                errors.add(SalesforceErrors.record("INVALID_TYPE_ON_FIELD_IN_RECORD",
                        field.name() + ": value not of required type: " + value, List.of(field.name())));
                continue;
            }
            Object stored = stored(field, value);
            if (stored instanceof Map<?, ?> error) {
                @SuppressWarnings("unchecked")
                Map<String, Object> typed = (Map<String, Object>) error;
                errors.add(typed);
                continue;
            }
            String text = (String) stored;
            changes.put(field.name(), text);
        }
        boolean nameTouched = creating || changes.containsKey(AccountFields.NAME);
        Object name = changes.get(AccountFields.NAME);
        if (nameTouched && (name == null || name.toString().isBlank()) && !hasFieldError(errors, AccountFields.NAME)) {
            errors.add(SalesforceErrors.record("REQUIRED_FIELD_MISSING", "Required fields are missing: [Name]",
                    List.of(AccountFields.NAME)));
        }
        return new Result(changes, errors);
    }

    // The stored text for a value, or a save error: text fields coerce numbers and booleans as Salesforce does,
    // currency fields take JSON numbers (or numeric text) and keep their scale, date fields take yyyy-MM-dd.
    private static Object stored(AccountFields.Field field, Object value) {
        if (value == null) {
            return null;
        }
        switch (field.type()) {
            case CURRENCY -> {
                BigDecimal number = decimal(value);
                if (number == null) {
                    return typeError(field, value);
                }
                if (number.precision() - number.scale() > MAX_CURRENCY_INTEGER_DIGITS) {
                    return SalesforceErrors.record("NUMBER_OUTSIDE_VALID_RANGE", field.name()
                            + ": value outside of valid range on numeric field: " + number, List.of(field.name()));
                }
                return number.toPlainString();
            }
            case DATE -> {
                if (!(value instanceof String text) || !isDate(text)) {
                    return typeError(field, value);
                }
                return text;
            }
            default -> {
                String text = value.toString();
                if (text.length() > field.maxLength()) {
                    return SalesforceErrors.record("STRING_TOO_LONG", field.name() + ": data value too large: "
                            + text + " (max length=" + field.maxLength() + ")", List.of(field.name()));
                }
                return text;
            }
        }
    }

    private static BigDecimal decimal(Object value) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof java.math.BigInteger) {
            return new BigDecimal(value.toString());
        }
        if (value instanceof String text) {
            try {
                return new BigDecimal(text.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null; // booleans, and doubles, which would already have lost digits
    }

    private static boolean isDate(String text) {
        try {
            return LocalDate.parse(text).toString().equals(text);
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static Map<String, Object> typeError(AccountFields.Field field, Object value) {
        return SalesforceErrors.record("INVALID_TYPE_ON_FIELD_IN_RECORD",
                field.name() + ": value not of required type: " + value, List.of(field.name()));
    }

    private static boolean hasFieldError(List<Map<String, Object>> errors, String field) {
        return errors.stream().anyMatch(e -> ((List<?>) e.get("fields")).contains(field));
    }
}
