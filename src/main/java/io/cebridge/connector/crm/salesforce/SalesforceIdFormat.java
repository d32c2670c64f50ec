package io.cebridge.connector.crm.salesforce;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Salesforce record ids: 15 case-sensitive letters and digits, or 18 with the case-safe suffix. Anything else in an
 * answer's Id (quotes, {@code ../}, CR/LF) is never used as an id: it would end up in SQL keys, URLs and log lines.
 */
public final class SalesforceIdFormat {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?");

    private SalesforceIdFormat() {
    }

    public static boolean valid(Object id) {
        return id instanceof String s && ID.matcher(s).matches();
    }

    /** A stand-in key for a record whose Id is not an id: stable for the same text, safe in SQL, URLs and logs. */
    public static String standIn(Object id) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(String.valueOf(id).getBytes(StandardCharsets.UTF_8));
            return "invalid-id:" + HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
