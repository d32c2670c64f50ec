package io.cebridge.connector.crm.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import io.cebridge.error.RetriableException;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Bulk API 2.0 query: POST .../jobs/query, wait for JobComplete, then the CSV results set by set, each GET naming
 * the Sforce-Locator of the one before and {@code maxRecords}. Values come back typed as the REST query gives them
 * (numbers as BigDecimal, checkboxes as Boolean, an empty field as null), from the sObject's describe.
 */
public final class BulkQueryJob {
    /**
     * Records per result set: about 8 MB of CSV for an Account with its usual fields, inside the default
     * bridge.crm.salesforce.max-answer-size, so a million records take 40 calls.
     */
    public static final int MAX_RECORDS = 25_000;

    private final SalesforceClient client;

    public BulkQueryJob(SalesforceClient client) {
        this.client = client;
    }

    /**
     * One result set, its records read from its CSV a slice at a time ({@link #next(int)}), and the locator of the
     * next set (null after the last). A set of 25,000 records held as maps all at once outlived several young
     * collections and was copied by each (a third of the collector's work in an initial load): its CSV text is
     * held instead, and each slice's records die young.
     */
    public static final class ResultSet {
        private final java.util.Iterator<Map<String, String>> rows;
        private final Map<String, String> types;
        private final String nextLocator;

        ResultSet(java.util.Iterator<Map<String, String>> rows, Map<String, String> types, String nextLocator) {
            this.rows = rows;
            this.types = types;
            this.nextLocator = nextLocator;
        }

        /** At most {@code max} more records, typed; empty when the set is read. */
        public List<Map<String, Object>> next(int max) {
            List<Map<String, Object>> out = new java.util.ArrayList<>();
            while (out.size() < max && rows.hasNext()) {
                out.add(typed(rows.next(), types));
            }
            return out;
        }

        /** Whether records of this set are left. */
        public boolean hasMore() {
            return rows.hasNext();
        }

        public String nextLocator() {
            return nextLocator;
        }
    }

    /** Creates the query job and waits until Salesforce has run it; returns the job id. */
    public String start(String soql) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("operation", "query");
        body.put("query", soql);
        body.put("contentType", "CSV");
        body.put("columnDelimiter", "COMMA");
        body.put("lineEnding", "LF");
        String id = BulkJobs.id(BulkJobs.json(client.bulkCall("POST", jobsPath(), write(body), "application/json")));
        JsonNode job = BulkJobs.awaitFinal(client, jobsPath() + "/" + id);
        if (!"JobComplete".equals(job.path("state").asText())) {
            throw new RetriableException("Bulk API 2.0 query job " + id + " ended " + job.path("state").asText() + ": "
                    + job.path("errorMessage").asText("no reason given"), null);
        }
        return id;
    }

    /** The result set at {@code locator} (null: the first). */
    public ResultSet results(String jobId, String sobject, String locator) {
        String path = jobsPath() + "/" + jobId + "/results?maxRecords=" + MAX_RECORDS
                + (locator == null ? "" : "&locator=" + URLEncoder.encode(locator, StandardCharsets.UTF_8));
        BulkAnswer answer = client.bulkCall("GET", path, null, "text/csv");
        String next = answer.locator();
        // Salesforce writes the text "null" in Sforce-Locator after the last set
        next = next == null || next.isBlank() || next.equals("null") ? null : next;
        return new ResultSet(BulkCsv.rows(answer.text()), types(sobject), next);
    }

    private String jobsPath() {
        return "/services/data/v" + client.apiVersion() + "/jobs/query";
    }

    /** Field name to describe type ("currency", "boolean", ...); empty when the org does not describe the type. */
    private Map<String, String> types(String sobject) {
        Map<String, String> types = new HashMap<>();
        Optional<Map<String, Object>> describe = client.describe(sobject);
        if (describe.isPresent() && describe.get().get("fields") instanceof List<?> fields) {
            for (Object f : fields) {
                if (f instanceof Map<?, ?> m && m.get("name") != null && m.get("type") != null) {
                    types.put(m.get("name").toString(), m.get("type").toString());
                }
            }
        }
        return types;
    }

    static Map<String, Object> typed(Map<String, String> row, Map<String, String> types) {
        Map<String, Object> out = new LinkedHashMap<>();
        row.forEach((field, text) -> out.put(field, value(text, types.getOrDefault(field, "string"), field)));
        return out;
    }

    private static Object value(String text, String type, String field) {
        if (text == null || text.isEmpty()) {
            return null; // Bulk API 2.0 writes no value as an empty field
        }
        try {
            return switch (type) {
                case "currency", "double", "percent" -> new BigDecimal(text);
                case "int" -> Long.valueOf(text);
                case "boolean" -> Boolean.valueOf(text);
                default -> text;
            };
        } catch (NumberFormatException e) {
            return text; // kept as sent: the mapping dead-letters this one record naming the field, the rest go on
        }
    }

    static String write(Object body) {
        try {
            return SObjectCollections.JSON.writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("a Bulk API 2.0 job cannot be written: " + e.getOriginalMessage(), e);
        }
    }
}
