package io.cebridge.error;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cebridge.cleanse.UsccValidator;
import java.text.Normalizer;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal and company identifiers (统一社会信用代码, phone numbers, e-mail addresses, tax, bank and ID numbers)
 * in dead-letter reasons. A reason quotes the value it refuses ("uscc '9133010079965505' has 16 characters"); the
 * value itself stays in the letter's payload (the record as read, needed to send it again), so the reason keeps only
 * the first and last two characters and the length: enough to tell which value, not enough to copy it.
 */
public final class PiiMask {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Field names (CRM, canonical, ERP) whose values identify a person or company. */
    private static final Pattern PII_FIELD = Pattern.compile(
            "(?i).*(uscc|credit_?code|tax_?(id|no|num|code)|taxpayer|vat_?(id|no|num)|phone|mobile|fax|e_?mail|bank_?(acc|no|num)"
                    + "|iban|id_?card|passport|identity"
                    + "|信用代码|税号|电话|手机|传真|邮箱|身份证|银行).*");
    // a value after "e.g. " is the example a reason gives (a valid code, a phone in the country's format): not data;
    // nor are addresses at the reserved example domains (RFC 2606)
    private static final String NOT_AN_EXAMPLE = "(?<!e\\.g\\. )";
    private static final Pattern EMAIL = Pattern.compile(NOT_AN_EXAMPLE
            + "(?<![\\w.%+-])[\\w.%+-]+@(?!example\\.(?:com|org|net)\\b)[\\w-]+(\\.[\\w-]+)+");
    private static final Pattern USCC_SHAPED = Pattern.compile(NOT_AN_EXAMPLE + "(?<![0-9A-Za-z])[0-9A-Z]{18}(?![0-9A-Za-z])");
    private static final Pattern INTERNATIONAL_PHONE = Pattern.compile(NOT_AN_EXAMPLE + "(?<![\\d+])\\+\\d[\\d ()-]{6,}\\d");
    private static final int SHOWN = 2;
    /** Shorter values would also hide unrelated numbers of the reason (a line number equal to a 4-digit extension). */
    private static final int SHORTEST_SEARCHED = 6;
    /** Below this a mask is all stars and cannot be told from another one: such values are not put back. */
    private static final int SHORTEST_REVEALED = 4 * SHOWN;

    private PiiMask() {
    }

    /** Whether a field (CRM, canonical or ERP name) holds values that identify a person or company. */
    public static boolean isPiiField(String name) {
        return name != null && PII_FIELD.matcher(name).matches();
    }

    /** {@code 9133010079965505} -> {@code 91************05}; values under 8 characters are masked whole. */
    public static String mask(String value) {
        int n = value.codePointCount(0, value.length());
        if (n < 4 * SHOWN) {
            return "*".repeat(n);
        }
        int[] cps = value.codePoints().toArray();
        return new String(cps, 0, SHOWN) + "*".repeat(n - 2 * SHOWN) + new String(cps, n - SHOWN, SHOWN);
    }

    /**
     * The reason with every identifier masked: the values of the payload's identifying fields (as read and as
     * cleansing normalises them), e-mail addresses, international phone numbers and valid 统一社会信用代码.
     */
    public static String reason(String reason, String payloadJson) {
        if (reason == null || reason.isEmpty()) {
            return reason;
        }
        String s = reason;
        for (String value : longestFirst(fieldValues(payloadJson))) {
            s = s.replace(value, mask(value));
        }
        s = maskMatches(s, EMAIL, false);
        s = maskMatches(s, INTERNATIONAL_PHONE, false);
        return maskMatches(s, USCC_SHAPED, true);
    }

    /** The stored (masked) reason with the values its record holds put back: `dlq list --show-pii`. */
    public static String reveal(String maskedReason, String payloadJson) {
        if (maskedReason == null || maskedReason.indexOf('*') < 0) {
            return maskedReason;
        }
        Set<String> values = fieldValues(payloadJson);
        for (String text : allStrings(payloadJson)) {
            for (Pattern p : List.of(EMAIL, INTERNATIONAL_PHONE, USCC_SHAPED)) {
                Matcher m = p.matcher(text);
                while (m.find()) {
                    values.add(m.group());
                }
            }
        }
        String s = maskedReason;
        for (String value : longestFirst(values)) {
            if (value.codePointCount(0, value.length()) >= SHORTEST_REVEALED) {
                s = s.replace(mask(value), value);
            }
        }
        return s;
    }

    private static String maskMatches(String s, Pattern pattern, boolean onlyValidUscc) {
        Matcher m = pattern.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = m.group();
            // an 18-character upper-case token is a USCC only if its GB 32100 check character fits (ids rarely do)
            boolean masked = !onlyValidUscc || UsccValidator.check(v) == io.cebridge.cleanse.UsccStatus.VALID;
            m.appendReplacement(out, Matcher.quoteReplacement(masked ? mask(v) : v));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * Values of identifying fields anywhere in the payload, as read and in the forms cleansing gives them (a decimal
     * amount is never an identifier).
     */
    private static Set<String> fieldValues(String payloadJson) {
        Set<String> out = new LinkedHashSet<>();
        walk(parse(payloadJson), null, (field, text) -> {
            if (field != null && PII_FIELD.matcher(field).matches() && !isAmount(text)) {
                String stripped = text.strip();
                String normal = Normalizer.normalize(stripped, Normalizer.Form.NFKC).strip();
                for (String form : List.of(text, stripped, normal, normal.toUpperCase(Locale.ROOT),
                        normal.replaceAll("\\s+", " "))) {
                    if (form.length() >= SHORTEST_SEARCHED) {
                        out.add(form);
                    }
                }
            }
        });
        return out;
    }

    private static boolean isAmount(String text) {
        return text.matches("-?\\d+\\.\\d+");
    }

    private static List<String> allStrings(String payloadJson) {
        List<String> out = new java.util.ArrayList<>();
        walk(parse(payloadJson), null, (field, text) -> out.add(text));
        return out;
    }

    private static List<String> longestFirst(Set<String> values) {
        return values.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    private static JsonNode parse(String payloadJson) {
        if (payloadJson == null || payloadJson.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(payloadJson);
        } catch (java.io.IOException | RuntimeException e) {
            return null; // a payload that is not JSON (an undecodable message) has no fields to look up
        }
    }

    private static void walk(JsonNode node, String field, java.util.function.BiConsumer<String, String> visit) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                walk(e.getValue(), e.getKey(), visit);
            }
        } else if (node.isArray()) {
            node.forEach(child -> walk(child, field, visit));
        } else if (node.isTextual() || node.isNumber()) {
            visit.accept(field, node.asText());
        }
    }
}
