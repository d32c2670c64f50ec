package io.cebridge.connector.crm.salesforce;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.cebridge.connector.crm.SaveResult;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Request bodies and result lists of the sObject Collections resources (update, upsert, create), shared so the three
 * calls serialise values and report per-record failures identically.
 */
final class SObjectCollections {
    /**
     * Money must reach the CRM exactly as the ERP holds it: BigDecimal is written plain with its scale (12345.60,
     * never 1.23456E4) and read back as BigDecimal, never through double.
     */
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
            .build();
    // sObject and field API names go into the URL path, so anything else is refused before it can reach it.
    private static final Pattern API_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX");

    private SObjectCollections() {
    }

    /** Checks an sObject or field API name that is about to become part of a request path. */
    static String apiName(String what, String name) {
        if (name == null || !API_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " must be an API name such as Account or ERP_Customer_No__c, got '"
                    + name + "'");
        }
        return name;
    }

    /**
     * The body {"allOrNone":..,"records":[{"attributes":{"type":..}, ..fields}]}.
     *
     * @param idAsRecordId true for updates, where the "Id" entry names the record to change
     */
    static String body(String sobject, List<Map<String, Object>> records, boolean allOrNone, boolean idAsRecordId) {
        if (records.size() > SalesforceClient.COLLECTION_LIMIT) {
            throw new IllegalArgumentException("sObject Collections take at most " + SalesforceClient.COLLECTION_LIMIT
                    + " records per call");
        }
        List<Map<String, Object>> out = new ArrayList<>(records.size());
        for (Map<String, Object> r : records) {
            Map<String, Object> rec = new LinkedHashMap<>();
            rec.put("attributes", Map.of("type", sobject));
            r.forEach((k, v) -> {
                if (idAsRecordId && k.equals("Id")) {
                    rec.put("id", String.valueOf(v));
                } else {
                    rec.put(k, jsonValue(v));
                }
            });
            out.add(rec);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("allOrNone", allOrNone);
        body.put("records", out);
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            // the message names the value's type only: the value itself may be customer data
            throw new IllegalArgumentException("a record value cannot be sent to Salesforce: " + e.getOriginalMessage(), e);
        }
    }

    /** One SaveResult per element of a collection answer; a failed record carries its first error. */
    static List<SaveResult> results(JsonNode answer) {
        if (!answer.isArray()) {
            // the CRM may have applied the records; an answer we cannot read is retried (writes are upserts), never
            // taken as "no results", which would dead-letter every record of the call
            throw new io.cebridge.error.RetriableException("Salesforce answered a collection write without a result list", null);
        }
        List<SaveResult> out = new ArrayList<>();
        for (JsonNode n : answer) {
            JsonNode err = n.path("errors").path(0);
            boolean failed = !err.isMissingNode();
            out.add(new SaveResult(n.path("id").asText(null), n.path("success").asBoolean(false),
                    failed ? err.path("statusCode").asText(err.path("errorCode").asText(null)) : null,
                    failed ? err.path("message").asText(null) : null,
                    n.path("created").asBoolean(false)));
        }
        return out;
    }

    /** Converts a field value to what Salesforce's JSON expects: dates as yyyy-MM-dd, datetimes in UTC. */
    static Object jsonValue(Object v) {
        if (v instanceof LocalDate d) {
            return d.toString();
        }
        if (v instanceof Instant i) {
            return DATE_TIME.format(i.truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC));
        }
        if (v instanceof OffsetDateTime t) {
            return jsonValue(t.toInstant());
        }
        if (v instanceof ZonedDateTime t) {
            return jsonValue(t.toInstant());
        }
        if (v instanceof LocalDateTime) {
            // without a zone the instant is a guess, and a wrong guess shifts every timestamp silently
            throw new IllegalArgumentException("a LocalDateTime has no zone; pass an Instant or OffsetDateTime");
        }
        if (v instanceof Map<?, ?> m) {
            // a relationship by external id, e.g. "Account__r": {"ERP_Customer_No__c": "100001"}
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), jsonValue(x)));
            return out;
        }
        return v;
    }
}
