package io.cebridge.demo;

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
            // Salesforce coerces JSON numbers and booleans sent to text fields.
            String text = value == null ? null : value.toString();
            if (text != null && text.length() > field.maxLength()) {
                errors.add(SalesforceErrors.record("STRING_TOO_LONG", field.name() + ": data value too large: "
                        + text + " (max length=" + field.maxLength() + ")", List.of(field.name())));
                continue;
            }
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

    private static boolean hasFieldError(List<Map<String, Object>> errors, String field) {
        return errors.stream().anyMatch(e -> ((List<?>) e.get("fields")).contains(field));
    }
}
