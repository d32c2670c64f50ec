package io.cebridge.demo;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** GET .../query?q=SOQL and GET .../query/{locator}: SOQL execution with Salesforce-style paging. */
final class QueryEndpoint {

    /** Salesforce's default and maximum page size; the minimum it honours is 200. */
    static final int MAX_BATCH = 2000;
    static final int MIN_BATCH = 200;

    private static final Pattern BATCH_SIZE = Pattern.compile("(?i)batchSize\\s*=\\s*(\\d+)");
    private static final Pattern LOCATOR = Pattern.compile("(01g[0-9A-Za-z]{15})-(\\d+)");

    private final DemoAccountStore store;
    private final DemoObjectStore objects;
    private final QueryCursors cursors;
    private final java.util.concurrent.atomic.LongAdder recordsServed = new java.util.concurrent.atomic.LongAdder();

    QueryEndpoint(DemoAccountStore store, DemoObjectStore objects, QueryCursors cursors) {
        this.store = store;
        this.objects = objects;
        this.cursors = cursors;
    }

    /** Runs the SOQL in the {@code q} parameter and returns the first page. */
    void query(HttpExchange exchange, String version) throws IOException {
        requireGet(exchange);
        String soql = DemoHttp.queryParams(exchange).get("q");
        if (soql == null || soql.isBlank()) {
            throw new DemoApiException(400, "MALFORMED_QUERY", "A query string has to be specified");
        }
        QueryRows rows;
        try {
            SoqlQuery parsed = SoqlParser.parse(soql);
            rows = parsed.entity().text().equalsIgnoreCase("Account")
                    ? AccountQueryBinder.bind(parsed).run(store)
                    : ObjectQueryBinder.bind(parsed, objects).run();
        } catch (SoqlException e) {
            throw new DemoApiException(400, e.errorCode(), e.getMessage());
        }
        int batch = batchSize(exchange);
        if (rows.size() <= batch) {
            sendPage(exchange, rows, 0, rows.size(), null, version);
            return;
        }
        QueryCursors.Cursor cursor = cursors.open(rows);
        sendPage(exchange, rows, 0, batch, cursor.id, version);
    }

    /** Returns the page a locator ("01g...-offset") points at. */
    void queryMore(HttpExchange exchange, String version, String locator) throws IOException {
        requireGet(exchange);
        Matcher m = LOCATOR.matcher(locator);
        QueryCursors.Cursor cursor = m.matches() ? cursors.get(m.group(1)).orElse(null) : null;
        long offset = m.matches() ? parseOffset(m.group(2)) : -1;
        if (cursor == null || offset <= 0 || offset >= cursor.rows.size()) {
            throw new DemoApiException(400, "INVALID_QUERY_LOCATOR", "invalid query locator");
        }
        int from = (int) offset;
        int to = (int) Math.min(cursor.rows.size(), (long) from + batchSize(exchange));
        boolean last = to == cursor.rows.size();
        if (last) {
            // Fully read cursors are dropped at once: a 200k-row snapshot should not wait 15 minutes to be freed.
            cursors.close(cursor.id);
        }
        sendPage(exchange, cursor.rows, from, to, last ? null : cursor.id, version);
    }

    /** Records sent in query pages so far. */
    long recordsServed() {
        return recordsServed.sum();
    }

    private void sendPage(HttpExchange exchange, QueryRows rows, int from, int to, String cursorId,
            String version) throws IOException {
        recordsServed.add(to - from);
        String next = cursorId == null ? null : "/services/data/" + version + "/query/" + cursorId + "-" + to;
        DemoHttp.sendJsonBytes(exchange, 200, QueryPageWriter.write(rows, from, to, next, version));
    }

    // Sforce-Query-Options: batchSize=N is a hint; Salesforce clamps it to 200..2000.
    private static int batchSize(HttpExchange exchange) {
        String options = exchange.getRequestHeaders().getFirst("Sforce-Query-Options");
        if (options == null) {
            return MAX_BATCH;
        }
        Matcher m = BATCH_SIZE.matcher(options);
        if (!m.find()) {
            return MAX_BATCH;
        }
        long requested = parseOffset(m.group(1));
        return (int) Math.max(MIN_BATCH, Math.min(MAX_BATCH, requested < 0 ? MAX_BATCH : requested));
    }

    private static long parseOffset(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void requireGet(HttpExchange exchange) {
        String method = DemoHttp.method(exchange);
        if (!method.equals("GET")) {
            throw DemoApiException.methodNotAllowed(method, "GET");
        }
    }
}
