package io.cebridge.connector.crm.salesforce;

import io.cebridge.connector.crm.RecordProblem;
import io.cebridge.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
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

    /**
     * A record whose Id is not an id, marked for ingest to dead-letter: the Id replaced by its {@link #standIn}, the
     * {@link RecordProblem} quoting the value JSON-escaped (no raw CR/LF) and keeping {@code text}, the record as sent.
     * A record with a valid Id, or none (a query need not select it), comes back as it is.
     */
    public static Map<String, Object> marked(Map<String, Object> record, String text) {
        if (!record.containsKey("Id") || valid(record.get("Id"))) {
            return record;
        }
        Object id = record.get("Id");
        record.put(RecordProblem.KEY, new RecordProblem(RecordProblem.INVALID_ID, "Id " + Json.write(String.valueOf(id))
                + " is not a Salesforce record id (15 or 18 letters and digits); the record is kept under "
                + standIn(id), text));
        record.put("Id", standIn(id));
        return record;
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
