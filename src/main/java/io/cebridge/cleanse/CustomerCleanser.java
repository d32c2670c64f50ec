package io.cebridge.cleanse;

import io.cebridge.json.Numbers;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** Applies the data-quality rules for canonical customer records before they are written to an ERP. */
public final class CustomerCleanser implements Cleanser {

    public static final String FLAG_USCC_CHECK_FAILED = "USCC_CHECK_FAILED";
    public static final String FLAG_PHONE_NOT_NORMALISED = "PHONE_NOT_NORMALISED";
    /** Record key set to "valid", "failed", "format_invalid" or "absent". */
    public static final String KEY_USCC_CHECK = "usccCheck";
    /** Record key holding the GB 32100 check character a failing USCC would need; only present when usccCheck = "failed". */
    public static final String KEY_USCC_EXPECTED_CHECK_CHAR = "usccExpectedCheckChar";

    private static final String USCC_EXAMPLE = "91350100M000100Y43";
    private static final List<String> TEXT_FIELDS = List.of("name", "uscc", "phone", "currency");
    // Not ISO 4217, but what Chinese CRM users type; only used to make the rejection message helpful.
    private static final Map<String, String> CURRENCY_HINTS = Map.of(
            "RMB", "CNY", "人民币", "CNY", "元", "CNY", "美元", "USD", "US$", "USD",
            "欧元", "EUR", "港币", "HKD", "港元", "HKD");

    private final CleanseOptions options;
    private final PhoneNormalizer phones;

    /** @throws IllegalArgumentException when the options name a phone region libphonenumber does not know */
    public CustomerCleanser(CleanseOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.phones = new PhoneNormalizer(options.phoneDefaultRegion());
    }

    /** Returns a cleaned copy of the record (the input is left untouched) with every flag and rejection found. */
    @Override
    public CleanseResult cleanse(Map<String, Object> canonicalCustomer) {
        Objects.requireNonNull(canonicalCustomer, "canonicalCustomer");
        Map<String, Object> record = new LinkedHashMap<>(canonicalCustomer);
        List<String> flags = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();

        if (rejectUnusableText(record, rejections)) {
            return new CleanseResult(record, flags, rejections);
        }
        cleanName(record, rejections);
        String country = cleanAddress(record);
        cleanUscc(record, flags, rejections);
        cleanPhone(record, country, flags, rejections);
        cleanCurrency(record, rejections);
        return new CleanseResult(record, flags, rejections);
    }

    /**
     * Text fields that hold an object or a list, or a control character (NUL, BEL, ...) that no ERP column should
     * receive, are rejected naming the field and the position: guessing what was meant would change data silently.
     * Returns true when something was rejected.
     */
    private static boolean rejectUnusableText(Map<String, Object> record, List<Rejection> rejections) {
        for (String f : TEXT_FIELDS) {
            checkText(f, record.get(f), rejections);
        }
        if (record.get("address") instanceof Map<?, ?> address) {
            address.forEach((k, v) -> checkText("address." + k, v, rejections));
        } else if (record.get("address") != null) {
            checkText("address", record.get("address"), rejections);
        }
        return !rejections.isEmpty();
    }

    private static void checkText(String field, Object value, List<Rejection> rejections) {
        if (value instanceof Map || value instanceof List) {
            rejections.add(new Rejection(field, "NOT_TEXT", field + " must be text but is "
                    + (value instanceof Map ? "an object" : "a list") + "; check the field mapping"));
        } else if (Numbers.problem(value) != null) {
            rejections.add(new Rejection(field, Numbers.REASON_CODE, field + ": " + Numbers.problem(value)));
        } else if (value instanceof String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (isControl(c) && !Character.isWhitespace(c)) {
                    rejections.add(new Rejection(field, "CONTROL_CHARACTER", String.format(
                            "%s contains the control character U+%04X at position %d; remove it in the source system",
                            field, (int) c, i + 1)));
                    break;
                }
            }
        }
    }

    /**
     * Whether {@code c} is a control character (Unicode category Cc: exactly U+0000-U+001F and U+007F-U+009F), by
     * range: Character.getType per character was 7 % of the ingest thread's time.
     */
    static boolean isControl(char c) {
        return c < 0x20 || c >= 0x7F && c <= 0x9F;
    }

    private void cleanName(Map<String, Object> record, List<Rejection> rejections) {
        // Names keep their full-width characters: （） in 阿里巴巴（中国）有限公司 is the registered spelling.
        String name = TextNormalizer.collapseWhitespace(text(record.get("name")));
        putIfPresent(record, "name", name);
        if (name == null || name.isEmpty()) {
            rejections.add(new Rejection("name", "NAME_REQUIRED",
                    "Account name is empty; the ERP needs a customer name"));
        }
    }

    /** Replaces the address with a cleaned copy and returns its country text (null if none). */
    private String cleanAddress(Map<String, Object> record) {
        if (!(record.get("address") instanceof Map<?, ?> original)) {
            return null;
        }
        Map<Object, Object> address = new LinkedHashMap<>(original);
        address.replaceAll((key, value) -> {
            if (!(value instanceof String s)) {
                return value;
            }
            // Postal codes are digits/latin only, so full-width digits are a typing artefact there.
            return "postalCode".equals(key)
                    ? TextNormalizer.collapseWhitespace(TextNormalizer.toHalfWidth(s))
                    : TextNormalizer.collapseWhitespace(s);
        });
        record.put("address", address);
        return address.get("country") instanceof String c ? c : null;
    }

    private void cleanUscc(Map<String, Object> record, List<String> flags, List<Rejection> rejections) {
        String uscc = blankToNull(UsccValidator.normalize(text(record.get("uscc"))));
        putIfPresent(record, "uscc", uscc);
        record.remove(KEY_USCC_EXPECTED_CHECK_CHAR);
        if (uscc == null) {
            record.put(KEY_USCC_CHECK, "absent");
            if (options.usccRequired()) {
                rejections.add(new Rejection("uscc", "USCC_REQUIRED",
                        "Unified social credit code (uscc, 统一社会信用代码) is empty but required by this integration;"
                                + " enter the customer's 18-character code, e.g. " + USCC_EXAMPLE));
            }
            return;
        }
        switch (UsccValidator.check(uscc)) {
            case VALID -> record.put(KEY_USCC_CHECK, "valid");
            case CHECK_FAILED -> {
                // Early pilot-area codes really are issued with a "wrong" check character, so the code is
                // kept as-is and surfaced for a person to confirm instead of being rejected or repaired.
                record.put(KEY_USCC_CHECK, "failed");
                record.put(KEY_USCC_EXPECTED_CHECK_CHAR,
                        String.valueOf(UsccValidator.expectedCheckChar(uscc.substring(0, 17))));
                flags.add(FLAG_USCC_CHECK_FAILED);
            }
            case FORMAT_INVALID -> {
                record.put(KEY_USCC_CHECK, "format_invalid");
                rejections.add(new Rejection("uscc", "USCC_FORMAT",
                        "Unified social credit code (uscc, 统一社会信用代码) '" + uscc + "' "
                                + UsccValidator.formatProblem(uscc) + "; expected 18 characters: 2 letters/digits,"
                                + " a 6-digit region code and 10 letters/digits without I, O, S, V, Z, e.g. "
                                + USCC_EXAMPLE));
            }
        }
    }

    private void cleanPhone(Map<String, Object> record, String country, List<String> flags,
                            List<Rejection> rejections) {
        String phone = blankToNull(TextNormalizer.collapseWhitespace(
                TextNormalizer.toHalfWidth(text(record.get("phone")))));
        putIfPresent(record, "phone", phone);
        if (phone == null) {
            return;
        }
        PhoneResult result = phones.normalize(phone, country);
        if (result.valid()) {
            record.put("phone", result.e164());
            return;
        }
        if (options.rejectInvalidPhone()) {
            String region = phones.regionFor(country);
            String readAs = country == null || country.isEmpty()
                    ? "region " + region + " (the configured default; the address has no country)"
                    : "region " + region + " (address country '" + country + "')";
            rejections.add(new Rejection("phone", "PHONE_INVALID",
                    "Phone '" + phone + "' is not a valid phone number when read as " + readAs
                            + "; enter a number valid in that country, or the international form with '+' and"
                            + " country code, e.g. " + PhoneNormalizer.exampleFor(region)));
        } else {
            flags.add(FLAG_PHONE_NOT_NORMALISED);
        }
    }

    private void cleanCurrency(Map<String, Object> record, List<Rejection> rejections) {
        String currency = TextNormalizer.collapseWhitespace(TextNormalizer.toHalfWidth(text(record.get("currency"))));
        currency = blankToNull(currency == null ? null : currency.toUpperCase(Locale.ROOT));
        putIfPresent(record, "currency", currency);
        if (currency == null || isIso4217(currency)) {
            return;
        }
        String hint = CURRENCY_HINTS.get(currency);
        rejections.add(new Rejection("currency", "CURRENCY_INVALID",
                "Currency '" + currency + "' is not an ISO 4217 currency code; expected a three-letter code such as"
                        + " CNY, USD or EUR" + (hint == null ? "" : " (did you mean " + hint + "?)")));
    }

    private static boolean isIso4217(String code) {
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException unknown) {
            return false;
        }
    }

    // Absent keys stay absent: the cleanser must not invent fields a connector never sent.
    private static void putIfPresent(Map<String, Object> record, String key, Object value) {
        if (record.containsKey(key)) {
            record.put(key, value);
        }
    }

    private static String text(Object value) {
        // exact text of numbers: no exponent, no rounding (ids above 2^53 arrive as BigInteger / long)
        return value == null ? null : value instanceof java.math.BigDecimal d ? d.toPlainString() : value.toString();
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
