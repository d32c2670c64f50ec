package io.cebridge.demo;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Bulk API 2.0 query jobs: POST .../jobs/query runs the SOQL in the background (UploadComplete, InProgress,
 * JobComplete), GET .../jobs/query/{id} answers the job info, GET .../jobs/query/{id}/results?locator=&maxRecords=
 * one result set as CSV (header line, LF) with the next set's Sforce-Locator ("null" after the last) and
 * Sforce-NumberOfRecords. Refusals as Salesforce's: a query it cannot run at create, results of a job not complete.
 */
final class BulkQueryEndpoint {
    /** Rows per result set when the client names no maxRecords. */
    static final int DEFAULT_MAX_RECORDS = 50_000;
    private static final java.util.regex.Pattern DATETIME = java.util.regex.Pattern.compile(
            "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000");

    private final DemoAccountStore accounts;
    private final DemoObjectStore objects;
    private final ExecutorService work;
    private final Clock clock;
    private final Map<String, BulkJob> jobs = new ConcurrentHashMap<>();
    private final Map<String, QueryRows> results = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final LongAdder recordsServed = new LongAdder();

    BulkQueryEndpoint(DemoAccountStore accounts, DemoObjectStore objects, ExecutorService work) {
        this.accounts = accounts;
        this.objects = objects;
        this.work = work;
        this.clock = accounts.clock();
    }

    /** Records sent in result sets so far. */
    long recordsServed() {
        return recordsServed.sum();
    }

    /** Handles "jobs/query" and what follows it. */
    void handle(HttpExchange exchange, String version, String rest) throws IOException {
        String method = DemoHttp.method(exchange);
        String[] parts = rest.isEmpty() ? new String[0] : rest.split("/");
        if (parts.length == 0) {
            if (!method.equals("POST")) {
                throw DemoApiException.methodNotAllowed(method, "POST");
            }
            create(exchange, version);
            return;
        }
        BulkJob job = jobs.get(parts[0]);
        if (job == null || parts.length > 2 || parts.length == 2 && !parts[1].equals("results")) {
            throw DemoApiException.notFound();
        }
        if (!job.version.equals(version)) {
            // Salesforce: results must be asked for in the API version the job was created with
            throw new DemoApiException(409, "INVALIDJOB", "The job was created in API " + job.version);
        }
        if (parts.length == 1) {
            if (!method.equals("GET")) {
                throw DemoApiException.methodNotAllowed(method, "GET");
            }
            DemoHttp.sendJson(exchange, 200, job.info());
            return;
        }
        if (!method.equals("GET")) {
            throw DemoApiException.methodNotAllowed(method, "GET");
        }
        results(exchange, job);
    }

    private void create(HttpExchange exchange, String version) throws IOException {
        Map<String, Object> body = DemoHttp.jsonObject(exchange);
        Object operation = body.get("operation");
        if (!"query".equals(operation) && !"queryAll".equals(operation)) {
            throw new DemoApiException(400, "INVALIDJOB", "InvalidJob : Invalid operation: " + operation);
        }
        if (body.get("contentType") != null && !"CSV".equals(body.get("contentType"))) {
            throw new DemoApiException(400, "INVALIDJOB", "InvalidJob : contentType must be CSV");
        }
        Object soql = body.get("query");
        if (!(soql instanceof String text) || text.isBlank()) {
            throw new DemoApiException(400, "INVALIDJOB", "InvalidJob : query is required");
        }
        SoqlQuery parsed;
        try {
            parsed = SoqlParser.parse(text);
            bind(parsed); // an unknown field or object is refused at create, as Salesforce does
        } catch (SoqlException e) {
            throw new DemoApiException(400, e.errorCode(), e.getMessage());
        }
        String id = SalesforceIds.of("750", ids.incrementAndGet());
        BulkJob job = new BulkJob(id, true, operation.toString(), parsed.entity().text(), null,
                String.valueOf(body.getOrDefault("lineEnding", "LF")), version, clock);
        jobs.put(id, job);
        work.submit(() -> {
            job.state("InProgress");
            try {
                QueryRows rows = bind(parsed); // the records as they are when the job runs
                results.put(id, rows);
                job.counts(rows.size(), 0);
                job.state("JobComplete");
            } catch (RuntimeException e) {
                job.failed("InternalError : " + e.getMessage());
            }
        });
        DemoHttp.sendJson(exchange, 200, job.info());
    }

    private QueryRows bind(SoqlQuery parsed) {
        return parsed.entity().text().equalsIgnoreCase("Account") ? AccountQueryBinder.bind(parsed).run(accounts)
                : ObjectQueryBinder.bind(parsed, objects).run();
    }

    private void results(HttpExchange exchange, BulkJob job) throws IOException {
        if (!job.state().equals("JobComplete")) {
            throw new DemoApiException(400, "INVALIDJOBSTATE", "InvalidJobState : job " + job.id + " is "
                    + job.state() + ", results are ready at JobComplete");
        }
        QueryRows rows = results.get(job.id);
        Map<String, String> params = DemoHttp.queryParams(exchange);
        int from = params.containsKey("locator") ? locatorOffset(params.get("locator"), rows.size()) : 0;
        int max = DEFAULT_MAX_RECORDS;
        if (params.containsKey("maxRecords")) {
            try {
                max = Integer.parseInt(params.get("maxRecords"));
            } catch (NumberFormatException e) {
                max = -1;
            }
            if (max <= 0) {
                throw new DemoApiException(400, "INVALIDURL", "maxRecords must be a positive number");
            }
        }
        int to = (int) Math.min(rows.size(), (long) from + max);
        List<String> header = header(rows);
        List<List<String>> lines = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            lines.add(line(rows, i));
        }
        byte[] csv = BulkCsvText.write(header, lines).getBytes(StandardCharsets.UTF_8);
        recordsServed.add(to - from);
        exchange.getResponseHeaders().set("Content-Type", "text/csv;charset=UTF-8");
        exchange.getResponseHeaders().set("Sforce-Locator", to < rows.size() ? locator(to) : "null");
        exchange.getResponseHeaders().set("Sforce-NumberOfRecords", Integer.toString(to - from));
        exchange.sendResponseHeaders(200, csv.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(csv);
        }
    }

    private static List<String> header(QueryRows rows) {
        if (rows instanceof QueryRows.Accounts a) {
            return a.fields().stream().map(AccountFields.Field::name).toList();
        }
        return ((QueryRows.Objects) rows).fields();
    }

    private static List<String> line(QueryRows rows, int index) {
        List<String> out = new ArrayList<>();
        if (rows instanceof QueryRows.Accounts a) {
            AccountRow row = a.rows().get(index);
            for (AccountFields.Field f : a.fields()) {
                out.add(text(row.get(f.index())));
            }
        } else {
            QueryRows.Objects o = (QueryRows.Objects) rows;
            Map<String, Object> r = o.rows().get(index);
            for (String f : o.fields()) {
                out.add(text(r.get(f)));
            }
        }
        return out;
    }

    // Bulk CSV: no value is an empty field, a datetime is ISO 8601 with Z, a number plain
    private static String text(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        String s = v.toString();
        return DATETIME.matcher(s).matches() ? s.substring(0, 23) + "Z" : s;
    }

    // opaque to clients, as Salesforce's are: the offset of the next row, base64
    private static String locator(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Integer.toString(offset)
                .getBytes(StandardCharsets.US_ASCII));
    }

    private static int locatorOffset(String locator, int size) {
        try {
            int offset = Integer.parseInt(new String(Base64.getUrlDecoder().decode(locator), StandardCharsets.US_ASCII));
            if (offset > 0 && offset < size) {
                return offset;
            }
        } catch (IllegalArgumentException e) {
            // not one of ours: refused below
        }
        throw new DemoApiException(400, "INVALIDLOCATOR", "InvalidLocator : the locator " + locator + " is not valid");
    }
}
