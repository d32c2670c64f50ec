package io.cebridge.demo;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bulk API 2.0 ingest jobs: POST .../jobs/ingest (Open), PUT .../batches the CSV, PATCH the job UploadComplete (or
 * Aborted); the job then runs in the background (InProgress, then JobComplete, or Failed for a CSV it cannot read:
 * a line ending other than the job's, a line of another width than the header, a column the object does not have).
 * Each record is checked by the same rules as sObject Collections (describe-based field checks, Account's typed
 * fields), so what a collection call refuses a bulk job refuses too. Results: successfulResults (sf__Id,
 * sf__Created), failedResults (sf__Id, sf__Error), unprocessedrecords, each CSV with the uploaded columns after the
 * sf__ ones; successful rows come in an order of their own (Salesforce processes chunks in parallel), not the upload's.
 */
final class BulkIngestEndpoint {
    private static final Set<String> OPERATIONS = Set.of("insert", "update", "upsert");

    private final CollectionPlanner planner;
    private final ExecutorService work;
    private final Clock clock;
    private final Map<String, BulkJob> jobs = new ConcurrentHashMap<>();
    private final Map<String, String> uploads = new ConcurrentHashMap<>();
    private final Map<String, Results> results = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    // a validation rule of the test org: these record ids are refused with this message (FIELD_CUSTOM_VALIDATION_EXCEPTION)
    private final Map<String, String> validationRule = new ConcurrentHashMap<>();
    private volatile int stopAfter = -1; // test hook: the next job stops after this many records, the rest unprocessed
    private volatile boolean unavailable; // test hook: job creates answered 503 SERVER_UNAVAILABLE (maintenance)
    private volatile boolean stall; // test hook: jobs closed now stay UploadComplete, never run (the org's queue stalls)
    private final AtomicLong created = new AtomicLong();
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> writesById = new ConcurrentHashMap<>();
    private final Object writes;

    private record Results(List<String> header, List<List<String>> successful, List<List<String>> failed,
                           List<List<String>> unprocessed) {
    }

    BulkIngestEndpoint(DemoAccountStore accounts, DemoObjectStore objects, ExecutorService work, Object writes) {
        this.planner = new CollectionPlanner(accounts, objects);
        this.work = work;
        this.clock = accounts.clock();
        this.writes = writes;
    }

    void refuse(String recordId, String message) {
        validationRule.put(SalesforceIds.normalise(recordId), message);
    }

    void stopNextJobAfter(int records) {
        stopAfter = records;
    }

    void unavailable(boolean down) {
        unavailable = down;
    }

    void stall(boolean stalled) {
        stall = stalled;
    }

    long jobsCreated() {
        return created.get();
    }

    int writesOf(String recordId) {
        java.util.concurrent.atomic.AtomicInteger n = writesById.get(SalesforceIds.normalise(recordId));
        return n == null ? 0 : n.get();
    }

    /** Handles "jobs/ingest" and what follows it. */
    void handle(HttpExchange exchange, String version, String rest) throws IOException {
        String method = DemoHttp.method(exchange);
        String[] parts = rest.isEmpty() ? new String[0] : rest.split("/");
        if (parts.length == 0) {
            if (!method.equals("POST")) {
                throw DemoApiException.methodNotAllowed(method, "POST");
            }
            if (unavailable) {
                // what Salesforce answers during an instance's maintenance window
                throw new DemoApiException(503, "SERVER_UNAVAILABLE", "Server is unavailable; try again later");
            }
            create(exchange, version);
            created.incrementAndGet();
            return;
        }
        BulkJob job = jobs.get(parts[0]);
        if (job == null || parts.length > 2) {
            throw DemoApiException.notFound();
        }
        if (parts.length == 1) {
            if (method.equals("GET")) {
                DemoHttp.sendJson(exchange, 200, job.info());
            } else if (method.equals("PATCH")) {
                close(exchange, job);
            } else {
                throw DemoApiException.methodNotAllowed(method, "GET, PATCH");
            }
            return;
        }
        switch (parts[1]) {
            case "batches" -> upload(exchange, job, method);
            case "successfulResults", "failedResults", "unprocessedrecords" -> {
                if (!method.equals("GET")) {
                    throw DemoApiException.methodNotAllowed(method, "GET");
                }
                sendResults(exchange, job, parts[1]);
            }
            default -> throw DemoApiException.notFound();
        }
    }

    private void create(HttpExchange exchange, String version) throws IOException {
        Map<String, Object> body = DemoHttp.jsonObject(exchange);
        Object operation = body.get("operation");
        Object object = body.get("object");
        Object external = body.get("externalIdFieldName");
        if (!OPERATIONS.contains(String.valueOf(operation))) {
            throw new DemoApiException(400, "INVALIDJOB", "InvalidJob : Invalid operation: " + operation);
        }
        if (!(object instanceof String type) || !type.equalsIgnoreCase("Account") && DescribeCatalog.find(type).isEmpty()) {
            throw new DemoApiException(400, "INVALIDJOB", "InvalidJob : Invalid object: " + object);
        }
        if (operation.equals("upsert") && (external == null || !externalId(type, external.toString()))) {
            throw new DemoApiException(400, "INVALIDJOB", "InvalidJob : External ID was blank or not an external ID"
                    + " field for " + type + ": " + external);
        }
        if (body.get("contentType") != null && !"CSV".equals(body.get("contentType"))) {
            throw new DemoApiException(400, "INVALIDJOB", "InvalidJob : contentType must be CSV");
        }
        String lineEnding = String.valueOf(body.getOrDefault("lineEnding", "LF"));
        if (!lineEnding.equals("LF") && !lineEnding.equals("CRLF")) {
            throw new DemoApiException(400, "INVALIDJOB", "InvalidJob : Invalid lineEnding: " + lineEnding);
        }
        String id = SalesforceIds.of("750", 1_000_000 + ids.incrementAndGet());
        BulkJob job = new BulkJob(id, false, operation.toString(), type, operation.equals("upsert")
                ? external.toString() : null, lineEnding, version, clock);
        jobs.put(id, job);
        DemoHttp.sendJson(exchange, 200, job.info());
    }

    private void upload(HttpExchange exchange, BulkJob job, String method) throws IOException {
        if (!method.equals("PUT")) {
            throw DemoApiException.methodNotAllowed(method, "PUT");
        }
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("text/csv")) {
            throw new DemoApiException(400, "INVALIDCONTENTTYPE", "InvalidContentType : job data must be text/csv");
        }
        if (!job.state().equals("Open")) {
            throw new DemoApiException(409, "INVALIDJOBSTATE", "InvalidJobState : job " + job.id + " is "
                    + job.state() + "; data is taken only while it is Open");
        }
        if (uploads.putIfAbsent(job.id, new String(DemoHttp.body(exchange), StandardCharsets.UTF_8)) != null) {
            throw new DemoApiException(409, "INVALIDJOBSTATE", "InvalidJobState : job " + job.id
                    + " already has its data");
        }
        exchange.sendResponseHeaders(201, -1);
    }

    private void close(HttpExchange exchange, BulkJob job) throws IOException {
        Object state = DemoHttp.jsonObject(exchange).get("state");
        if (!job.state().equals("Open") || !"UploadComplete".equals(state) && !"Aborted".equals(state)) {
            throw new DemoApiException(409, "INVALIDJOBSTATE", "InvalidJobState : job " + job.id + " is "
                    + job.state() + "; cannot move it to " + state);
        }
        if (state.equals("Aborted")) {
            job.state("Aborted");
        } else {
            job.state("UploadComplete");
            if (stall) {
                DemoHttp.sendJson(exchange, 200, job.info());
                return; // its client waits for a job that never runs
            }
            int stop = stopAfter;
            stopAfter = -1;
            work.submit(() -> {
                try {
                    run(job, stop);
                } catch (RuntimeException e) {
                    job.failed("InternalServerError : " + e.getMessage()); // never left InProgress for good
                }
            });
        }
        DemoHttp.sendJson(exchange, 200, job.info());
    }

    private void run(BulkJob job, int stopAfter) {
        job.state("InProgress");
        String data = uploads.getOrDefault(job.id, "");
        if (job.lineEnding.equals("LF") && data.contains("\r\n")) {
            job.failed("ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is LF");
            return;
        }
        List<String[]> lines;
        try {
            lines = BulkCsvText.read(data);
        } catch (IllegalArgumentException e) {
            job.failed("InvalidBatch : Failed to parse CSV: " + e.getMessage());
            return;
        }
        if (lines.isEmpty()) {
            job.failed("InvalidBatch : No data in the upload");
            return;
        }
        String[] header = lines.get(0);
        for (String column : header) {
            if (fieldOf(job.object, column) == null) {
                job.failed("InvalidBatch : Field name not found : " + column);
                return;
            }
        }
        List<List<String>> successful = new ArrayList<>();
        List<List<String>> failed = new ArrayList<>();
        List<List<String>> unprocessed = new ArrayList<>();
        synchronized (writes) {
            for (int i = 1; i < lines.size(); i++) {
                List<String> given = List.of(lines.get(i));
                if (stopAfter >= 0 && i > stopAfter) {
                    unprocessed.add(given);
                    continue;
                }
                PlannedWrite plan = plan(job, header, lines.get(i));
                if (plan.ok()) {
                    String id = plan.apply().get();
                    writesById.computeIfAbsent(SalesforceIds.normalise(id),
                            k -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
                    List<String> row = new ArrayList<>(List.of(id, Boolean.toString(Boolean.TRUE.equals(plan.created()))));
                    row.addAll(given);
                    successful.add(row);
                } else {
                    List<String> row = new ArrayList<>(List.of(plan.id() == null ? "" : plan.id(), sfError(plan.errors())));
                    row.addAll(given);
                    failed.add(row);
                }
            }
        }
        // an order of its own, not the upload's (reversed at the end: inserting at the front is quadratic in a 250k job)
        java.util.Collections.reverse(successful);
        results.put(job.id, new Results(List.of(header), successful, failed, unprocessed));
        job.counts(successful.size() + failed.size(), failed.size());
        if (unprocessed.isEmpty()) {
            job.state("JobComplete");
        } else {
            job.failed("InternalServerError : the job stopped after " + (successful.size() + failed.size())
                    + " records");
        }
    }

    private PlannedWrite plan(BulkJob job, String[] header, String[] line) {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("attributes", Map.of("type", job.object));
        for (int c = 0; c < header.length; c++) {
            if (line[c].isEmpty()) {
                continue; // an empty field leaves the value as it is
            }
            raw.put(fieldOf(job.object, header[c]), line[c].equals("#N/A") ? null : line[c]);
        }
        Object id = CollectionPlanner.valueIgnoringCase(raw, AccountFields.ID);
        String rule = id == null || !SalesforceIds.isWellFormed(id.toString()) ? null
                : validationRule.get(SalesforceIds.normalise(id.toString()));
        if (rule != null) {
            return PlannedWrite.failed(id.toString(), null, SalesforceErrors.record("FIELD_CUSTOM_VALIDATION_EXCEPTION",
                    rule, List.of()));
        }
        return switch (job.operation) {
            case "insert" -> planner.create(raw);
            case "update" -> planner.update(raw);
            default -> planner.upsert(job.object, job.externalIdField, List.of(raw)).get(0);
        };
    }

    // Salesforce's sf__Error: STATUS_CODE:message:fields --
    private static String sfError(List<Map<String, Object>> errors) {
        Map<String, Object> e = errors.get(0);
        return e.get("statusCode") + ":" + e.get("message") + ":" + String.join(";",
                ((List<?>) e.getOrDefault("fields", List.of())).stream().map(String::valueOf).toList()) + " --";
    }

    private static boolean externalId(String object, String field) {
        if (field.equalsIgnoreCase(AccountFields.ID)) {
            return true;
        }
        if (object.equalsIgnoreCase("Account")) {
            return field.equalsIgnoreCase(AccountFields.ERP_CUSTOMER_NO);
        }
        return DescribeCatalog.find(object).flatMap(d -> d.field(field)).filter(SObjectDescribe.Field::externalId)
                .isPresent();
    }

    /** The field's name as the object spells it, or null when the object has no such field. */
    private static String fieldOf(String object, String name) {
        if (object.equalsIgnoreCase("Account")) {
            return AccountFields.find(name).map(AccountFields.Field::name).orElse(null);
        }
        return DescribeCatalog.find(object).flatMap(d -> d.field(name)).map(SObjectDescribe.Field::name).orElse(null);
    }

    private void sendResults(HttpExchange exchange, BulkJob job, String which) throws IOException {
        Results r = results.get(job.id);
        if (r == null) {
            throw new DemoApiException(400, "INVALIDJOBSTATE", "InvalidJobState : job " + job.id + " is "
                    + job.state() + "; results are ready once it is JobComplete or Failed");
        }
        List<String> header = new ArrayList<>();
        List<List<String>> lines;
        switch (which) {
            case "successfulResults" -> {
                header.addAll(List.of("sf__Id", "sf__Created"));
                lines = r.successful();
            }
            case "failedResults" -> {
                header.addAll(List.of("sf__Id", "sf__Error"));
                lines = r.failed();
            }
            default -> lines = r.unprocessed();
        }
        header.addAll(r.header());
        byte[] csv = BulkCsvText.write(header, lines).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/csv;charset=UTF-8");
        exchange.sendResponseHeaders(200, csv.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(csv);
        }
    }
}
