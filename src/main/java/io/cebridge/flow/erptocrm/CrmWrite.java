package io.cebridge.flow.erptocrm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One group of CRM writes a mapping asks for: {"sobject": "ERP_Invoice__c", "externalId": "ERP_Invoice_No__c",
 * "records": [...]} upserts by external id; {"sobject": "Account", "operation": "update", "records": [{"Id": ...}]}
 * updates by CRM id; {"sobject": "DatedConversionRate", "operation": "match", "matchOn": ["IsoCode", "StartDate"],
 * "records": [...]} finds records by those fields, updates the ones found (without the match fields) and creates the
 * rest, for objects without an external id field. Writes run in the order the mapping lists them, so parents land
 * before their children.
 *
 * <p>An upsert may name {@code "createOnly"} fields (or relationships), which Salesforce takes on create but refuses on
 * update (PricebookEntry's Product2Id, Pricebook2Id and CurrencyIsoCode): they are sent only for records that do not
 * exist yet (see {@link CreateOnlyUpsert}). {@code "continueOnReject": true} says a rejected record of this write does
 * not hold back the document's later writes (a price that fails must not cost the product its other prices and stock);
 * the document is still dead-lettered with every rejection once its writes are done.
 */
public record CrmWrite(String sobject, String operation, String externalId, List<Map<String, Object>> records,
                       // left out of the JSON when empty, so content hashes of upserts and updates stay as they were
                       @com.fasterxml.jackson.annotation.JsonInclude(
                               com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY) List<String> matchOn,
                       @com.fasterxml.jackson.annotation.JsonInclude(
                               com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY) List<String> createOnly,
                       @com.fasterxml.jackson.annotation.JsonInclude(
                               com.fasterxml.jackson.annotation.JsonInclude.Include.NON_DEFAULT) boolean continueOnReject) {
    public static final String UPSERT = "upsert";
    public static final String UPDATE = "update";
    public static final String MATCH = "match";

    public CrmWrite(String sobject, String operation, String externalId, List<Map<String, Object>> records) {
        this(sobject, operation, externalId, records, List.of(), List.of(), false);
    }

    /** The group of the first write of this target in a document. */
    public String target() {
        return target(0);
    }

    /**
     * The group a write belongs to when writes of many documents are batched into one call; {@code occurrence} tells
     * apart two writes of one target in a document (standard prices before custom ones), which must be separate calls.
     */
    public String target(int occurrence) {
        return operation + " " + sobject + (externalId == null ? "" : " by " + externalId)
                + (matchOn.isEmpty() ? "" : " on " + String.join(",", matchOn))
                + (createOnly.isEmpty() ? "" : " create-only " + String.join(",", createOnly))
                + (occurrence == 0 ? "" : " #" + occurrence);
    }

    /** Reads the mapping output {"writes": [...]}; a malformed one is a mapping error naming what is wrong. */
    @SuppressWarnings("unchecked")
    public static List<CrmWrite> parse(Map<String, Object> mapped) {
        Object writes = mapped.get("writes");
        if (!(writes instanceof List<?> list)) {
            throw new IllegalArgumentException("the mapping must produce {\"writes\": [...]}, got keys " + mapped.keySet());
        }
        List<CrmWrite> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> w)) {
                throw new IllegalArgumentException("each entry of writes must be an object");
            }
            Object sobject = w.get("sobject");
            String op = w.get("operation") == null ? UPSERT : String.valueOf(w.get("operation"));
            Object ext = w.get("externalId");
            if (!(sobject instanceof String) || ((String) sobject).isBlank()) {
                throw new IllegalArgumentException("a write lacks its sobject");
            }
            if (!op.equals(UPSERT) && !op.equals(UPDATE) && !op.equals(MATCH)) {
                throw new IllegalArgumentException("write to " + sobject + ": operation must be upsert, update or match,"
                        + " not " + op);
            }
            List<String> matchOn = op.equals(MATCH) ? matchFields(sobject.toString(), w.get("matchOn")) : List.of();
            if (op.equals(UPSERT) && !(ext instanceof String)) {
                throw new IllegalArgumentException("upsert of " + sobject + " needs externalId (the external id field)");
            }
            Object recs = w.get("records");
            List<Map<String, Object>> records = new ArrayList<>();
            if (recs instanceof Map<?, ?> one) {
                records.add((Map<String, Object>) one); // JSONata yields an object, not a list, for a single line
            } else if (recs instanceof List<?> many) {
                for (Object r : many) {
                    if (!(r instanceof Map)) {
                        throw new IllegalArgumentException("records of " + sobject + " must be objects");
                    }
                    records.add((Map<String, Object>) r);
                }
            } else if (recs != null) {
                throw new IllegalArgumentException("records of " + sobject + " must be a list of objects");
            }
            for (Map<String, Object> r : records) {
                List<String> keys = op.equals(MATCH) ? matchOn : List.of(op.equals(UPSERT) ? (String) ext : "Id");
                for (String key : keys) {
                    if (r.get(key) == null || String.valueOf(r.get(key)).isBlank()) {
                        throw new IllegalArgumentException("a record of " + sobject + " has no " + key);
                    }
                }
                checkExact(sobject.toString(), r);
            }
            List<String> createOnly = op.equals(UPSERT) ? fieldNames(sobject + " createOnly", w.get("createOnly"))
                    : List.of();
            if (createOnly.stream().anyMatch(f -> f.equalsIgnoreCase(String.valueOf(ext)))) {
                throw new IllegalArgumentException("upsert of " + sobject + ": the external id " + ext
                        + " cannot be create-only");
            }
            out.add(new CrmWrite((String) sobject, op, op.equals(UPSERT) ? (String) ext : null, records, matchOn,
                    createOnly, Boolean.TRUE.equals(w.get("continueOnReject"))));
        }
        return out;
    }

    private static List<String> matchFields(String sobject, Object matchOn) {
        List<String> fields = fieldNames("match of " + sobject + ": matchOn", matchOn);
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("match of " + sobject + " needs matchOn, the fields that find its records");
        }
        return List.copyOf(fields);
    }

    private static List<String> fieldNames(String what, Object names) {
        List<String> fields = new ArrayList<>();
        if (names instanceof List<?> list) {
            for (Object f : list) {
                if (f instanceof String s && s.matches("[A-Za-z][A-Za-z0-9_]*")) {
                    fields.add(s);
                } else {
                    throw new IllegalArgumentException(what + " holds '" + f + "', not a field name");
                }
            }
        } else if (names != null) {
            throw new IllegalArgumentException(what + " must be a list of field names");
        }
        return List.copyOf(fields);
    }

    /** JSONata arithmetic yields binary doubles; money must stay exact, so a fractional double is refused. */
    private static void checkExact(String sobject, Map<String, Object> r) {
        for (Map.Entry<String, Object> f : r.entrySet()) {
            if (f.getValue() instanceof Double d && d != Math.rint(d)) {
                throw new IllegalArgumentException(sobject + "." + f.getKey() + " = " + d + " was computed in the mapping"
                        + " as a binary floating-point number, which is not exact; compute it in the ERP query or pass"
                        + " the ERP's decimal through unchanged");
            }
        }
    }
}
