package io.cebridge.connector.crm.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Bulk API 2.0 upsert: POST .../jobs/ingest (operation upsert, externalIdFieldName), PUT the records as CSV to its
 * batches, PATCH it UploadComplete, wait until it is final, then read failedResults, successfulResults and
 * unprocessedrecords as far as the job info's counts leave something open. Salesforce lists each in an order of its own, so every result row is matched to its record by
 * the external id column, never by position; a record named in none of them counts as unprocessed.
 */
public final class BulkIngestJob {
    /** Salesforce takes at most 150 MB of CSV in one job; beyond 100 MB the records are refused before sending. */
    static final int MAX_CSV_BYTES = 100 * 1024 * 1024;
    private final SalesforceClient client;

    public BulkIngestJob(SalesforceClient client) {
        this.client = client;
    }

    /**
     * What became of each record, by its external id value: written, refused with Salesforce's sf__Error, or not
     * processed (to be sent again). {@code jobError}: the job's own errorMessage when it failed as a whole.
     */
    public record Outcome(Set<String> written, Map<String, String> refused, Set<String> unprocessed, String jobError) {
    }

    public Outcome upsert(String sobject, String externalIdField, List<Map<String, Object>> records) {
        SObjectCollections.apiName("sObject", sobject);
        SObjectCollections.apiName("external id field", externalIdField);
        Set<String> columns = new LinkedHashSet<>();
        columns.add(externalIdField);
        Set<String> keys = new LinkedHashSet<>();
        for (Map<String, Object> r : records) {
            r.keySet().forEach(k -> columns.add(SObjectCollections.apiName("field", k)));
            Object key = r.get(externalIdField);
            if (key == null || !keys.add(String.valueOf(SObjectCollections.jsonValue(key)))) {
                throw new IllegalArgumentException("every record of a bulk upsert needs its own " + externalIdField);
            }
        }
        // each record is made a CSV line as it is written: a job of 250,000 holds no second copy of its records
        String csv = BulkCsv.write(List.copyOf(columns), records.stream().map(BulkIngestJob::csvRow)::iterator);
        if (csv.length() > MAX_CSV_BYTES) {
            throw new IllegalArgumentException("a bulk upsert of " + records.size() + " records is more than "
                    + MAX_CSV_BYTES + " bytes of CSV; send fewer at once");
        }
        Map<String, Object> create = new LinkedHashMap<>();
        create.put("object", sobject);
        create.put("externalIdFieldName", externalIdField);
        create.put("contentType", "CSV");
        create.put("operation", "upsert");
        create.put("lineEnding", "LF");
        String jobs = "/services/data/v" + client.apiVersion() + "/jobs/ingest";
        String id = BulkJobs.id(BulkJobs.json(client.bulkCall("POST", jobs, BulkQueryJob.write(create),
                "application/json")));
        String job = jobs + "/" + id;
        client.bulkCall("PUT", job + "/batches", csv, "text/csv");
        client.bulkCall("PATCH", job, BulkQueryJob.write(Map.of("state", "UploadComplete")), "application/json");
        JsonNode done = BulkJobs.awaitFinal(client, job, BulkJobs.firstWaitFor(records.size()),
                BulkJobs.longestWaitFor(records.size()));
        return outcome(done, keys, externalIdField,
                () -> client.bulkCall("GET", job + "/successfulResults", null, "text/csv").text(),
                () -> client.bulkCall("GET", job + "/failedResults", null, "text/csv").text(),
                () -> client.bulkCall("GET", job + "/unprocessedrecords", null, "text/csv").text());
    }

    private static Map<String, String> csvRow(Map<String, Object> r) {
        Map<String, String> row = new LinkedHashMap<>();
        // Bulk API 2.0 reads an empty field as "leave as is" and #N/A as "set to no value"
        r.forEach((k, v) -> row.put(k, v == null ? "#N/A" : String.valueOf(SObjectCollections.jsonValue(v))));
        return row;
    }

    /**
     * Sorts the sent keys by the three result lists; a list the job info says is empty is not asked for (one call
     * less each). A job that failed having processed nothing refuses every record with its errorMessage.
     */
    static Outcome outcome(JsonNode job, Set<String> sent, String keyColumn, java.util.function.Supplier<String> successful,
                           java.util.function.Supplier<String> failed, java.util.function.Supplier<String> unprocessed) {
        String state = job.path("state").asText();
        long processed = job.path("numberRecordsProcessed").asLong(0);
        long failures = job.path("numberRecordsFailed").asLong(0);
        if (!state.equals("JobComplete") && processed == 0) {
            String reason = job.path("errorMessage").asText("the job ended " + state);
            Map<String, String> all = new LinkedHashMap<>();
            sent.forEach(k -> all.put(k, reason));
            return new Outcome(Set.of(), all, Set.of(), reason);
        }
        Set<String> written = new LinkedHashSet<>();
        Map<String, String> refused = new LinkedHashMap<>();
        if (failures > 0) {
            for (Map<String, String> row : BulkCsv.read(failed.get())) {
                String error = row.getOrDefault("sf__Error", "");
                key(row, keyColumn, sent).ifPresent(k -> refused.put(k, error.isBlank() ? "refused without a reason"
                        : error));
            }
        }
        if (state.equals("JobComplete") && processed == sent.size() && refused.size() == failures) {
            // every record was processed and each failure is named: the rest were written, which the job info's counts
            // say without the successfulResults list (a call less, and that list of a big job is tens of MB)
            sent.stream().filter(k -> !refused.containsKey(k)).forEach(written::add);
        } else if (processed > failures) {
            for (Map<String, String> row : BulkCsv.read(successful.get())) {
                key(row, keyColumn, sent).ifPresent(written::add);
            }
        }
        Set<String> left = new LinkedHashSet<>(sent);
        left.removeAll(written);
        left.removeAll(refused.keySet());
        Set<String> notRun = new LinkedHashSet<>();
        if (!left.isEmpty()) {
            for (Map<String, String> row : BulkCsv.read(unprocessed.get())) {
                key(row, keyColumn, sent).filter(left::contains).ifPresent(notRun::add);
            }
            // a record in none of the three lists was not reported as written either: it is sent again, like these
            notRun.addAll(left);
        }
        return new Outcome(written, refused, notRun, state.equals("JobComplete") ? null
                : job.path("errorMessage").asText(null));
    }

    private static java.util.Optional<String> key(Map<String, String> row, String keyColumn, Set<String> sent) {
        String k = row.get(keyColumn);
        if (k == null) {
            // an Id external id may come back as 18 characters where 15 were sent, or only in sf__Id
            k = row.get("sf__Id");
        }
        if (k != null && sent.contains(k)) {
            return java.util.Optional.of(k);
        }
        if (k != null && k.length() == 18 && sent.contains(k.substring(0, 15))) {
            return java.util.Optional.of(k.substring(0, 15));
        }
        return java.util.Optional.empty();
    }
}
