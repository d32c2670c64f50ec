package io.cebridge.demo;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Bulk API 2.0 job of the demo org and the job info Salesforce answers for it. States move Open -> UploadComplete
 * -> InProgress -> JobComplete, or to Failed or Aborted; a query job starts at UploadComplete.
 */
final class BulkJob {
    final String id;
    final String operation;
    final String object;
    final String externalIdField;
    final String lineEnding;
    final String version;
    final boolean query;
    private final String created;
    private final Clock clock;
    private volatile String state;
    private volatile String modstamp;
    private volatile String errorMessage;
    private volatile long processed;
    private volatile long failed;
    private volatile long startedAt;
    private volatile long processingMillis;

    BulkJob(String id, boolean query, String operation, String object, String externalIdField, String lineEnding,
            String version, Clock clock) {
        this.id = id;
        this.query = query;
        this.operation = operation;
        this.object = object;
        this.externalIdField = externalIdField;
        this.lineEnding = lineEnding;
        this.version = version;
        this.clock = clock;
        this.created = SalesforceDateTimes.format(clock.instant());
        this.modstamp = created;
        this.state = query ? "UploadComplete" : "Open";
    }

    String state() {
        return state;
    }

    void state(String next) {
        if (next.equals("InProgress")) {
            startedAt = System.nanoTime();
        }
        if (next.equals("JobComplete") || next.equals("Failed")) {
            processingMillis = startedAt == 0 ? 0 : (System.nanoTime() - startedAt) / 1_000_000;
        }
        state = next;
        modstamp = SalesforceDateTimes.format(clock.instant());
    }

    void failed(String message) {
        errorMessage = message;
        state("Failed");
    }

    void counts(long processed, long failed) {
        this.processed = processed;
        this.failed = failed;
    }

    /** The job info body, in the field order of Salesforce's answers. */
    Map<String, Object> info() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("operation", operation);
        m.put("object", object);
        m.put("createdById", DemoSalesforceServer.INTEGRATION_USER_ID);
        m.put("createdDate", created);
        m.put("systemModstamp", modstamp);
        m.put("state", state);
        if (externalIdField != null) {
            m.put("externalIdFieldName", externalIdField);
        }
        m.put("concurrencyMode", "Parallel");
        m.put("contentType", "CSV");
        m.put("apiVersion", Double.parseDouble(version.substring(1)));
        if (!query) {
            m.put("contentUrl", "services/data/" + version + "/jobs/ingest/" + id + "/batches");
        }
        m.put("lineEnding", lineEnding);
        m.put("columnDelimiter", "COMMA");
        m.put("jobType", query ? "V2Query" : "V2Ingest");
        m.put("numberRecordsProcessed", processed);
        if (!query) {
            m.put("numberRecordsFailed", failed);
        }
        m.put("retries", 0);
        m.put("totalProcessingTime", processingMillis);
        if (errorMessage != null) {
            m.put("errorMessage", errorMessage);
        }
        return m;
    }
}
