package io.cebridge.error;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one table from dead-letter reason codes to the {@link LetterCategory} a person acts on. A letter's category is
 * computed from its code when it is read (never stored), so a change here re-sorts old letters too. For the codes
 * that only say "the target refused" (CRM_REJECTED, ERP_REJECTED) the target's own code quoted in the reason decides
 * (Salesforce's StatusCode, the database's SQLState). Every code ce-bridge, its routes and bundled mappings write is
 * listed; LetterClassifierTest fails on one that is not.
 */
public final class LetterClassifier {
    private static final Map<String, LetterCategory> CODES = new LinkedHashMap<>();
    private static final Map<Pattern, LetterCategory> CODE_PATTERNS = new LinkedHashMap<>();
    /** Salesforce StatusCodes (and ce-bridge's own save-result codes) a rejection's reason quotes. */
    private static final Map<String, LetterCategory> CRM_CODES = new LinkedHashMap<>();
    private static final Map<Pattern, LetterCategory> SQL_STATES = new LinkedHashMap<>();
    /** Codes that only say the target refused the record; its own code in the reason says why. */
    private static final java.util.Set<String> SYSTEM_REJECTIONS = java.util.Set.of("CRM_REJECTED",
            "CRM_REJECTED_WRITE_BACK", "ERP_REJECTED");
    private static final Pattern CODE_TOKEN = Pattern.compile("\\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\\b");
    private static final Pattern SQL_STATE = Pattern.compile("SQLState (\\w{5})");

    static {
        value("UNREPRESENTABLE_NUMBER", "NOT_TEXT", "CONTROL_CHARACTER", "NAME_REQUIRED", "REQUIRED", "USCC_REQUIRED",
                "USCC_FORMAT", "PHONE_INVALID", "EMAIL_INVALID", "CURRENCY_INVALID", // cleansing rules
                "DUPLICATE_FIELD", "INVALID_ID", "INVALID_ENCODING", // the CRM sent a record it cannot have meant
                "EMPTY_MESSAGE", "UNREADABLE_EVENT", "NOT_A_DOCUMENT_EVENT", "UNKNOWN_DOCUMENT_TYPE", // on the topic
                "MAPPING_FAILED", "CRM_FIELD_MISMATCH", "ERP_VALUE_DOES_NOT_FIT", "ERP_QUERY_FAILED", "SOURCE_DATA_PROBLEM",
                "ERP_CHECK_FAILED", "RETURN_EXCEEDS_INVOICED", // a rule across documents (routes' checkFlag)
                "NO_LINES", "SEVERAL_ORDERS", "INVALID_QUANTITY", "INVALID_DISCOUNT", "AMOUNT_MISMATCH",
                "ORDER_OF_ANOTHER_CUSTOMER", // the bundled mappings' $reject codes
                "CRM_REJECTED", "CRM_REJECTED_WRITE_BACK", "ERP_REJECTED"); // unless the target's own code says more
        put(LetterCategory.MISSING_REFERENCE, "NO_PARENT", "NO_CUSTOMER", "ORDER_LINE_UNKNOWN");
        // a reconcile repair is a record sent through its flow again: it goes by itself, like a waiting one
        // CLAIMED_BY_OTHER: another record sharing its USCC is creating the ERP customer; it goes once that one is linked
        put(LetterCategory.WAITING, "PARENT_NOT_LINKED", "CUSTOMER_NOT_LINKED", "NEEDS_MAPPING", "RECONCILE_REPAIR",
                "CLAIMED_BY_OTHER");
        put(LetterCategory.TOO_LARGE, "TOO_LARGE");
        // CANCEL_NOT_SUPPORTED: a cancelled quote whose ERP order the connector may not cancel (Kingdee): done by hand there
        put(LetterCategory.LOCKED, "LOCKED_IN_ERP", "CANCEL_NOT_SUPPORTED");
        // codes a route file names (lockFlag=ORDER_LOCKED_IN_ERP, claimFlag=DUPLICATE_USCC_LINKED) or builds
        CODE_PATTERNS.put(Pattern.compile("[A-Z0-9_]+_LOCKED_IN_ERP"), LetterCategory.LOCKED);
        CODE_PATTERNS.put(Pattern.compile("DUPLICATE_[A-Z0-9_]+_LINKED"), LetterCategory.DUPLICATE);
        CODE_PATTERNS.put(Pattern.compile("NOT_A_[A-Z0-9_]+_EVENT"), LetterCategory.VALUE);

        crm(LetterCategory.DUPLICATE, "DUPLICATE_VALUE", "DUPLICATES_DETECTED", "DUPLICATE_EXTERNAL_ID", "AMBIGUOUS_MATCH");
        crm(LetterCategory.LOCKED, "ENTITY_IS_LOCKED");
        crm(LetterCategory.MISSING_REFERENCE, "INVALID_CROSS_REFERENCE_KEY", "ENTITY_IS_DELETED", "NOT_FOUND",
                "INVALID_ID_FIELD");
        crm(LetterCategory.RATE_LIMIT, "REQUEST_LIMIT_EXCEEDED", "HTTP_429");
        crm(LetterCategory.CONNECTION, "UNABLE_TO_LOCK_ROW", "SERVER_UNAVAILABLE", "HTTP_500", "HTTP_502", "HTTP_503",
                "HTTP_504");
        crm(LetterCategory.TOO_LARGE, "STORAGE_LIMIT_EXCEEDED");

        SQL_STATES.put(Pattern.compile("23505"), LetterCategory.DUPLICATE); // unique violation
        SQL_STATES.put(Pattern.compile("23503|23506"), LetterCategory.MISSING_REFERENCE); // foreign key
        SQL_STATES.put(Pattern.compile("08\\w{3}|40001|40P01|57P\\w{2}|57014|55P03|HYT0[01]|70100"), LetterCategory.CONNECTION);
    }

    private LetterClassifier() {
    }

    /** The category of one reason code, or empty when the table does not know it (LetterClassifierTest asks this). */
    public static Optional<LetterCategory> lookup(String code) {
        if (code == null) {
            return Optional.empty();
        }
        LetterCategory c = CODES.get(code.strip());
        if (c != null) {
            return Optional.of(c);
        }
        return CODE_PATTERNS.entrySet().stream().filter(e -> e.getKey().matcher(code.strip()).matches())
                .map(Map.Entry::getValue).findFirst();
    }

    /**
     * The category of a letter: its first known code (cleansing joins several with commas); for a target's refusal the
     * target's own code in the reason; a code the table does not know (a mapping's own $reject) is a refusal of the
     * record's data: value.
     */
    public static LetterCategory of(String reasonCode, String reason) {
        for (String code : String.valueOf(reasonCode).split(",")) {
            Optional<LetterCategory> c = lookup(code);
            if (c.isPresent()) {
                return SYSTEM_REJECTIONS.contains(code.strip()) && reason != null
                        ? targetsOwnCode(reason).orElse(c.get()) : c.get();
            }
        }
        return LetterCategory.VALUE;
    }

    private static Optional<LetterCategory> targetsOwnCode(String reason) {
        Matcher state = SQL_STATE.matcher(reason);
        while (state.find()) {
            for (Map.Entry<Pattern, LetterCategory> e : SQL_STATES.entrySet()) {
                if (e.getKey().matcher(state.group(1)).matches()) {
                    return Optional.of(e.getValue());
                }
            }
        }
        if (reason.contains("Duplicate entry")) { // MariaDB says 23000 for every integrity violation; its text tells
            return Optional.of(LetterCategory.DUPLICATE);
        }
        if (reason.contains("foreign key constraint fails")) {
            return Optional.of(LetterCategory.MISSING_REFERENCE);
        }
        Matcher token = CODE_TOKEN.matcher(reason);
        while (token.find()) {
            LetterCategory c = CRM_CODES.get(token.group());
            if (c != null) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    private static void value(String... codes) {
        put(LetterCategory.VALUE, codes);
    }

    private static void put(LetterCategory category, String... codes) {
        for (String code : codes) {
            if (CODES.put(code, category) != null) {
                throw new IllegalStateException("reason code listed twice: " + code);
            }
        }
    }

    private static void crm(LetterCategory category, String... codes) {
        List.of(codes).forEach(c -> CRM_CODES.put(c, category));
    }
}
