package io.cebridge.flow.erptocrm;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks what a mapping writes against the org's describe bodies ({@code GET .../sobjects/{type}/describe}), before
 * anything is written: each field (or relationship) must exist; a field an upsert or match may create must be
 * createable, one it may update must be updateable (an upsert's {@code createOnly} fields are sent on create only);
 * text must fit the field's length, and a value must be of the field's type (a number for a number field, true or
 * false for a checkbox, an ISO date or date-time, text for a text field). Each problem names the mapping file, the sObject, the field and the reason.
 * The describe function is asked once per sObject per check (callers cache across checks).
 * <p>{@code validate} checks everything on sample writes; a running flow checks only the shape of each document's
 * writes ({@link #shapeOnly}): a value too long is the CRM's to refuse for that record alone, a field the org cannot
 * take would be refused for every record.
 */
public final class WriteDescribeCheck {
    private final Function<String, Optional<Map<String, Object>>> describe;
    private final Map<String, Optional<Map<String, Object>>> seen = new java.util.concurrent.ConcurrentHashMap<>();
    private final boolean values;

    /** {@code describe}: the describe body of an sObject, or empty when the org has no such object. */
    public WriteDescribeCheck(Function<String, Optional<Map<String, Object>>> describe) {
        this(describe, true);
    }

    private WriteDescribeCheck(Function<String, Optional<Map<String, Object>>> describe, boolean values) {
        this.describe = describe;
        this.values = values;
    }

    /** A check of fields and relationships only (exists, createable, updateable), not of the values' lengths. */
    public static WriteDescribeCheck shapeOnly(Function<String, Optional<Map<String, Object>>> describe) {
        return new WriteDescribeCheck(describe, false);
    }

    /** Problems of the writes one mapping produced; empty when the org takes all of them. */
    public List<String> check(String mappingFile, List<CrmWrite> writes) {
        Set<String> problems = new LinkedHashSet<>();
        for (CrmWrite w : writes) {
            Optional<Map<String, Object>> body = seen.computeIfAbsent(w.sobject().toLowerCase(java.util.Locale.ROOT),
                    k -> describe.apply(w.sobject()));
            if (body.isEmpty()) {
                problems.add(mappingFile + ": " + w.sobject() + ": the org has no such sObject");
                continue;
            }
            for (Map<String, Object> record : w.records()) {
                record.forEach((key, value) -> check(mappingFile, w, body.get(), key, values ? value
                        : value instanceof Map<?, ?> ? value : null).ifPresent(problems::add));
            }
        }
        return new ArrayList<>(problems);
    }

    private static Optional<String> check(String file, CrmWrite w, Map<String, Object> body, String key, Object value) {
        if (key.equals("attributes") || (w.operation().equals(CrmWrite.UPDATE) && key.equalsIgnoreCase("Id"))) {
            return Optional.empty();
        }
        String where = file + ": " + w.sobject() + "." + key + ": ";
        Optional<Map<String, Object>> field = field(body, key, value instanceof Map<?, ?>);
        if (field.isEmpty()) {
            return Optional.of(where + (value instanceof Map<?, ?> ? "no relationship of that name" : "no such field")
                    + " in the org");
        }
        Map<String, Object> f = field.get();
        boolean createOnly = w.createOnly().stream().anyMatch(key::equalsIgnoreCase);
        boolean matchKey = w.matchOn().stream().anyMatch(key::equalsIgnoreCase);
        boolean creates = !w.operation().equals(CrmWrite.UPDATE);
        boolean updates = !createOnly && !matchKey;
        if (creates && !flag(f, "createable")) {
            return Optional.of(where + "not createable" + (flag(f, "autoNumber") ? " (an Auto Number field)" : ""));
        }
        if (updates && !flag(f, "updateable")) {
            return Optional.of(where + "not updateable" + (w.operation().equals(CrmWrite.UPSERT) && flag(f, "createable")
                    ? ": an upsert that matches a record would be refused; name it in createOnly" : ""));
        }
        int length = f.get("length") instanceof Number n ? n.intValue() : 0;
        if (value instanceof String text && length > 0 && isText(f) && text.length() > length) {
            return Optional.of(where + "a value of " + text.length() + " characters does not fit its length " + length);
        }
        return value == null || value instanceof Map<?, ?> ? Optional.empty()
                : typeProblem(f, value).map(p -> where + p);
    }

    private static final java.util.regex.Pattern DATE = java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final java.util.regex.Pattern DATE_TIME = java.util.regex.Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:?\\d{2})?");

    /**
     * A value Salesforce's JSON reader refuses for the field's type ("Cannot deserialize instance of ..."): text where
     * a number, checkbox or date is expected (a number written as text, e.g. "12.5", is taken, as Salesforce takes it),
     * a number or checkbox value for a date, a list for a plain field.
     */
    private static Optional<String> typeProblem(Map<String, Object> f, Object value) {
        String type = String.valueOf(f.get("type"));
        String got = value instanceof String ? "text" : value instanceof Boolean ? "true/false"
                : value instanceof Number ? "a number" : value instanceof List<?> ? "a list" : "a " + value.getClass()
                .getSimpleName();
        boolean fits = switch (type) {
            case "double", "currency", "percent", "int", "long" -> value instanceof Number
                    || value instanceof String s && isNumber(s);
            case "boolean" -> value instanceof Boolean;
            case "date" -> value instanceof String s && DATE.matcher(s).matches();
            case "datetime" -> value instanceof String s && DATE_TIME.matcher(s).matches();
            case "multipicklist" -> value instanceof String;
            default -> !(value instanceof List<?>);
        };
        if (fits) {
            return Optional.empty();
        }
        String shown = value instanceof String s ? " '" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "'" : "";
        return Optional.of("a value of type " + type + " is expected, the mapping writes " + got + shown);
    }

    private static boolean isNumber(String s) {
        try {
            new java.math.BigDecimal(s.trim());
            return !s.isBlank();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    @SuppressWarnings("unchecked")
    private static Optional<Map<String, Object>> field(Map<String, Object> body, String key, boolean relationship) {
        for (Object o : (List<Object>) body.getOrDefault("fields", List.of())) {
            Map<String, Object> f = (Map<String, Object>) o;
            if (key.equalsIgnoreCase(String.valueOf(f.get(relationship ? "relationshipName" : "name")))) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    private static boolean isText(Map<String, Object> f) {
        return List.of("string", "textarea", "picklist", "multipicklist", "url", "email", "phone", "combobox")
                .contains(String.valueOf(f.get("type")));
    }

    private static boolean flag(Map<String, Object> f, String key) {
        return Boolean.TRUE.equals(f.get(key));
    }
}
