package io.cebridge.cleanse;

import io.cebridge.json.Numbers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rule set any flow can name field by field: text fields half-width and single-spaced, e-mail addresses trimmed
 * and lower-cased (an invalid one rejected), phone numbers to E.164 read in the country a field of the record names
 * (else the default region), required fields present. Nothing is shortened or guessed: what cannot be cleaned is
 * rejected with the field and the reason, or, for a phone when invalid phones are allowed, kept as typed and flagged.
 */
public final class FieldCleanser implements Cleanser {
    public static final String FLAG_PHONE_NOT_NORMALISED = CustomerCleanser.FLAG_PHONE_NOT_NORMALISED;
    // RFC 5321 sizes; local part of dot-atoms, a domain of at least two labels: what mail servers accept in practice
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@"
                    + "([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");

    /** Which fields get which rule; {@code regionField} names the field holding the country phones are read in. */
    public record Rules(List<String> text, List<String> email, List<String> phone, String regionField,
                        List<String> required, String defaultRegion, boolean rejectInvalidPhone) {
    }

    private final Rules rules;
    private final PhoneNormalizer phones;

    public FieldCleanser(Rules rules) {
        this.rules = rules;
        this.phones = new PhoneNormalizer(rules.defaultRegion());
    }

    @Override
    public CleanseResult cleanse(Map<String, Object> input) {
        Map<String, Object> record = new LinkedHashMap<>(input);
        List<String> flags = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();
        List<String> all = new ArrayList<>(rules.text());
        all.addAll(rules.email());
        all.addAll(rules.phone());
        for (String f : all) {
            Object v = record.get(f);
            if (v instanceof Map || v instanceof List) {
                rejections.add(new Rejection(f, "NOT_TEXT", f + " must be text but is "
                        + (v instanceof Map ? "an object" : "a list") + "; check the field mapping"));
            } else if (Numbers.problem(v) != null) {
                rejections.add(new Rejection(f, Numbers.REASON_CODE, f + ": " + Numbers.problem(v)));
            } else if (v != null) {
                String s = v.toString();
                for (int i = 0; i < s.length(); i++) {
                    char c = s.charAt(i);
                    if (Character.getType(c) == Character.CONTROL && !Character.isWhitespace(c)) {
                        rejections.add(new Rejection(f, "CONTROL_CHARACTER", String.format("%s contains the control"
                                + " character U+%04X at position %d; remove it in the source system", f, (int) c, i + 1)));
                        break;
                    }
                }
            }
        }
        if (!rejections.isEmpty()) {
            return new CleanseResult(record, flags, rejections);
        }
        for (String f : rules.text()) {
            record.put(f, blankToNull(TextNormalizer.collapseWhitespace(TextNormalizer.toHalfWidth(text(record.get(f))))));
        }
        for (String f : rules.email()) {
            cleanEmail(record, f, rejections);
        }
        for (String f : rules.phone()) {
            cleanPhone(record, f, flags, rejections);
        }
        for (String f : rules.required()) {
            Object v = record.get(f);
            if (v == null || v.toString().isBlank()) {
                rejections.add(new Rejection(f, "REQUIRED", f + " is required and empty; fill it in the source system"));
            }
        }
        return new CleanseResult(record, flags, rejections);
    }

    private static void cleanEmail(Map<String, Object> record, String field, List<Rejection> rejections) {
        String raw = text(record.get(field));
        String email = blankToNull(raw == null ? null : TextNormalizer.toHalfWidth(raw).strip());
        if (email == null) {
            record.put(field, null);
            return;
        }
        email = email.toLowerCase(java.util.Locale.ROOT);
        if (email.length() > 254 || !EMAIL.matcher(email).matches() || email.indexOf('@') > 64) {
            rejections.add(new Rejection(field, "EMAIL_INVALID", field + " '" + raw + "' is not an e-mail address"
                    + " (name@example.com); correct it in the source system"));
            return;
        }
        record.put(field, email);
    }

    private void cleanPhone(Map<String, Object> record, String field, List<String> flags, List<Rejection> rejections) {
        String phone = blankToNull(TextNormalizer.collapseWhitespace(TextNormalizer.toHalfWidth(text(record.get(field)))));
        record.put(field, phone);
        if (phone == null) {
            return;
        }
        String country = rules.regionField() == null ? null : text(path(record, rules.regionField()));
        PhoneResult result = phones.normalize(phone, country);
        if (result.valid()) {
            record.put(field, result.e164());
            return;
        }
        String region = phones.regionFor(country);
        if (rules.rejectInvalidPhone()) {
            rejections.add(new Rejection(field, "PHONE_INVALID", field + " '" + phone + "' is not a valid phone number"
                    + " when read as region " + region + "; enter a number valid there, or the international form"
                    + " with '+' and country code, e.g. " + PhoneNormalizer.exampleFor(region)));
        } else if (!flags.contains(FLAG_PHONE_NOT_NORMALISED)) {
            flags.add(FLAG_PHONE_NOT_NORMALISED);
        }
    }

    private static Object path(Map<String, Object> record, String dotted) {
        Object v = record;
        for (String part : dotted.split("\\.")) {
            if (!(v instanceof Map<?, ?> m)) {
                return null;
            }
            v = m.get(part);
        }
        return v;
    }

    private static String text(Object v) {
        return v == null ? null : v.toString();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
