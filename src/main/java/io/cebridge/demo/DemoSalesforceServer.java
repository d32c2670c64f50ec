package io.cebridge.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An in-process HTTP server that speaks the subset of the Salesforce REST API the connectors use: Accounts with their
 * typed fields, and records of the other sObject types the demo org describes (see {@link DescribeCatalog}).
 */
public final class DemoSalesforceServer implements AutoCloseable {
    static {
        // Without TCP_NODELAY the JDK server's small answers meet the client's delayed ACK: ~40 ms per write-back
        // call, which would make the demo CRM the bottleneck it must not be. Read once, when the server class loads.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }


    /** Org id used in identity URLs and tokens. */
    public static final String ORG_ID = "00D000000000001AAA";
    /**
     * The user the API acts as. Writes through the API are stamped with it, and the token's identity URL names
     * it, so a connector can recognise (and skip) the echo of its own write-backs.
     */
    public static final String INTEGRATION_USER_ID = "005000000000002AAA";

    private static final String TOKEN_PATH = "/services/oauth2/token";
    private static final String DATA_PATH = "/services/data";
    private static final String DEMO_RECORDS_PATH = "/demo/sobjects";
    private static final Pattern VERSIONED = Pattern.compile("^/services/data/(v\\d+\\.\\d+)/(.+?)/?$");
    private static final int THREADS = 4;

    private final AccessTokens tokens = new AccessTokens();
    private final TokenEndpoint tokenEndpoint;
    private final QueryEndpoint queryEndpoint;
    private final CompositeSObjectsEndpoint compositeEndpoint;
    private final SObjectEndpoint sobjectEndpoint;
    private final DemoAccountStore accounts;
    private final DemoObjectStore objects;
    private final Map<String, LongAdder> requestsByPath = new ConcurrentHashMap<>();
    private final LongAdder apiCalls = new LongAdder(); // Sforce-Limit-Info api-usage: calls of an org with 100,000 a day
    private HttpServer server;
    private ExecutorService executor;
    // Bulk API 2.0 jobs run on a thread of their own, after the call that starts them has been answered
    private final ExecutorService bulkWork = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "demo-crm-bulk-jobs");
        t.setDaemon(true);
        return t;
    });
    private final BulkQueryEndpoint bulkQueryEndpoint;
    private final BulkIngestEndpoint bulkIngestEndpoint;
    private volatile long dailyApiLimit = 100_000;
    // stand-in latency (withLatency): every API call is answered after this; Salesforce's concurrency rule refuses a
    // new call while maxLongCalls calls in progress have run longAfter or longer (LongCalls)
    private java.time.Duration latency = java.time.Duration.ZERO;
    private LongCalls longCalls;

    /** Creates a server over the store that accepts the given OAuth client credentials. */
    public DemoSalesforceServer(DemoAccountStore store, String clientId, String clientSecret) {
        this(store, new DemoObjectStore(Objects.requireNonNull(store, "store").clock()), clientId, clientSecret);
    }

    /** Creates a server over Accounts and the other sObject types' records. */
    public DemoSalesforceServer(DemoAccountStore store, DemoObjectStore objects, String clientId, String clientSecret) {
        Objects.requireNonNull(store, "store");
        this.accounts = store;
        this.objects = Objects.requireNonNull(objects, "objects");
        this.tokenEndpoint = new TokenEndpoint(Objects.requireNonNull(clientId, "clientId"),
                Objects.requireNonNull(clientSecret, "clientSecret"), tokens, store.clock());
        this.queryEndpoint = new QueryEndpoint(store, objects, new QueryCursors(store.clock()));
        this.compositeEndpoint = new CompositeSObjectsEndpoint(store, objects);
        this.sobjectEndpoint = new SObjectEndpoint(store);
        this.bulkQueryEndpoint = new BulkQueryEndpoint(store, objects, bulkWork);
        this.bulkIngestEndpoint = new BulkIngestEndpoint(store, objects, bulkWork, new Object());
    }

    /**
     * Answers every API call after {@code latency}, as a Salesforce org far away does, with Salesforce's concurrency
     * rule: while {@code maxLongCalls} calls in progress have run 20 s or longer, a new API call is refused with 403
     * REQUEST_LIMIT_EXCEEDED (ConcurrentPerOrgLongTxn); shorter calls are not limited (see {@link LongCalls}). Off
     * unless called; call before {@link #start}.
     */
    public DemoSalesforceServer withLatency(java.time.Duration latency, int maxLongCalls) {
        return withLatency(latency, maxLongCalls, LongCalls.SALESFORCE_LONG);
    }

    /** {@link #withLatency(java.time.Duration, int)} with another duration from which a call counts as long (tests). */
    synchronized DemoSalesforceServer withLatency(java.time.Duration latency, int maxLongCalls,
                                                  java.time.Duration longAfter) {
        if (server != null) {
            throw new IllegalStateException("set the latency before start");
        }
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency >= 0");
        }
        this.latency = latency;
        this.longCalls = new LongCalls(maxLongCalls, longAfter);
        return this;
    }

    /** Test hook: API calls refused because too many long calls were in progress (ConcurrentPerOrgLongTxn). */
    public long longCallRefusals() {
        return longCalls == null ? 0 : longCalls.refused();
    }

    /** Test hook: API calls in progress that count as long (latency mode). */
    long longCallsInProgress() {
        return longCalls == null ? 0 : longCalls.inProgress();
    }

    /** API calls answered so far (what Sforce-Limit-Info's api-usage counts). */
    public long apiCalls() {
        return apiCalls.sum();
    }

    /** Test hook: the org's daily API allowance named in Sforce-Limit-Info; beyond it calls get REQUEST_LIMIT_EXCEEDED. */
    public void dailyApiLimit(long limit) {
        this.dailyApiLimit = limit;
    }

    /** Test hook: a validation rule refuses writes of this record through Bulk API 2.0 jobs with this message. */
    public void refuseBulkWrites(String recordId, String message) {
        bulkIngestEndpoint.refuse(recordId, message);
    }

    /** Test hook: the next Bulk API 2.0 ingest job stops after this many records; the rest are unprocessed. */
    public void stopNextBulkJobAfter(int records) {
        bulkIngestEndpoint.stopNextJobAfter(records);
    }

    /** Test hook: Bulk API 2.0 ingest job creates answer 503 SERVER_UNAVAILABLE while {@code down}. */
    public void bulkIngestUnavailable(boolean down) {
        bulkIngestEndpoint.unavailable(down);
    }

    /**
     * Test hook: while {@code stalled}, Bulk API 2.0 ingest jobs whose upload completes stay UploadComplete and never
     * run (a client waiting for one waits until it gives up or dies); jobs closed later run as usual.
     */
    public void stallBulkJobs(boolean stalled) {
        bulkIngestEndpoint.stall(stalled);
    }

    /** Test hook: Bulk API 2.0 ingest jobs created so far. */
    public long bulkIngestJobs() {
        return bulkIngestEndpoint.jobsCreated();
    }

    /** Test hook: how many Bulk API 2.0 ingest jobs wrote this record. */
    public int bulkWritesOf(String recordId) {
        return bulkIngestEndpoint.writesOf(recordId);
    }

    /** Test hook: records sent in Bulk API 2.0 query result sets so far. */
    public long bulkRecordsServed() {
        return bulkQueryEndpoint.recordsServed();
    }

    /** Records per sObject type, Account first, e.g. for the demo's summary line. */
    public Map<String, Integer> recordCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("Account", accounts.size());
        counts.putAll(objects.counts());
        return counts;
    }

    /** One line naming how many records of each type the demo CRM holds. */
    public String summary() {
        StringJoiner line = new StringJoiner(", ", "demo CRM holds ", "");
        recordCounts().forEach((type, n) -> line.add(n + " " + type));
        return line.toString();
    }

    /** Starts listening on 127.0.0.1; port 0 picks a free port. */
    public synchronized void start(int port) {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        AtomicInteger threadNumber = new AtomicInteger();
        java.util.concurrent.ThreadFactory threads = runnable -> {
            Thread thread = new Thread(runnable, "demo-crm-http-" + threadNumber.incrementAndGet());
            // Daemon threads: a demo or test that forgets close() must not keep the JVM alive.
            thread.setDaemon(true);
            return thread;
        };
        // with latency a call holds its thread while it waits: a fixed pool would bound the calls at once, which
        // Salesforce does not do for calls shorter than 20 s
        ExecutorService pool = longCalls != null ? Executors.newCachedThreadPool(threads)
                : Executors.newFixedThreadPool(THREADS, threads);
        try {
            HttpServer created = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
            created.createContext("/", this::dispatch);
            created.setExecutor(pool);
            created.start();
            server = created;
            executor = pool;
        } catch (IOException e) {
            pool.shutdownNow();
            throw new UncheckedIOException("cannot start demo CRM on port " + port, e);
        }
    }

    /** Base URL for OAuth and API calls, e.g. "http://127.0.0.1:54321". */
    public synchronized String loginUrl() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Test hook: invalidates every issued token, so the next API call gets 401 INVALID_SESSION_ID. */
    public void expireTokens() {
        tokens.expireAll();
    }

    /** Test hook: records sent in query result pages so far (what pollers have read, re-reads included). */
    public long queryRecordsServed() {
        return queryEndpoint.recordsServed();
    }

    /** Test hook: number of requests received whose path starts with the prefix. */
    public int requestCount(String pathPrefix) {
        long total = 0;
        for (Map.Entry<String, LongAdder> entry : requestsByPath.entrySet()) {
            if (entry.getKey().startsWith(pathPrefix)) {
                total += entry.getValue().sum();
            }
        }
        return (int) total;
    }

    /** Stops the server and its threads. */
    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
            executor = null;
        }
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requestsByPath.computeIfAbsent(path, p -> new LongAdder()).increment();
        boolean slow = longCalls != null && path.startsWith(DATA_PATH);
        try {
            if (slow) {
                longCalls.begin(exchange);
                Thread.sleep(latency.toMillis()); // the stand-in's network and server time, not a test's wait
            }
            route(exchange, path);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            DemoHttp.sendJson(exchange, 503, SalesforceErrors.api("SERVER_UNAVAILABLE", "shutting down"));
        } catch (DemoApiException e) {
            DemoHttp.sendJson(exchange, e.status(), SalesforceErrors.api(e.errorCode(), e.getMessage()));
        } catch (RuntimeException e) {
            DemoHttp.sendJson(exchange, 500, SalesforceErrors.api("UNKNOWN_EXCEPTION", String.valueOf(e)));
        } finally {
            if (slow) {
                longCalls.end(exchange);
            }
            exchange.close();
        }
    }

    private void route(HttpExchange exchange, String path) throws IOException {
        if (path.equals(TOKEN_PATH)) {
            tokenEndpoint.handle(exchange, loginUrl());
            return;
        }
        if (path.startsWith(DEMO_RECORDS_PATH)) {
            // no token: a read-only window for people watching the demo, e.g. curl .../demo/sobjects/Account
            demoRecords(exchange, path.substring(DEMO_RECORDS_PATH.length()));
            return;
        }
        if (!path.equals(DATA_PATH) && !path.startsWith(DATA_PATH + "/")) {
            throw DemoApiException.notFound();
        }
        String token = AccessTokens.fromHeader(exchange.getRequestHeaders().getFirst("Authorization"));
        if (!tokens.isValid(token)) {
            throw new DemoApiException(401, "INVALID_SESSION_ID", "Session expired or invalid");
        }
        apiCalls.increment();
        long used = apiCalls.sum();
        exchange.getResponseHeaders().set("Sforce-Limit-Info", "api-usage=" + used + "/" + dailyApiLimit);
        if (used > dailyApiLimit) {
            throw new DemoApiException(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.");
        }
        Matcher m = VERSIONED.matcher(path);
        if (!m.matches()) {
            throw DemoApiException.notFound();
        }
        String version = m.group(1);
        String resource = m.group(2);
        if (resource.equals("query")) {
            queryEndpoint.query(exchange, version);
        } else if (resource.startsWith("query/")) {
            queryEndpoint.queryMore(exchange, version, resource.substring("query/".length()));
        } else if (resource.equals("composite/sobjects")) {
            compositeEndpoint.handle(exchange, "");
        } else if (resource.startsWith("composite/sobjects/")) {
            compositeEndpoint.handle(exchange, resource.substring("composite/sobjects/".length()));
        } else if (resource.equals("jobs/query") || resource.startsWith("jobs/query/")) {
            bulkQueryEndpoint.handle(exchange, version, resource.substring("jobs/query".length()).replaceFirst("^/", ""));
        } else if (resource.equals("jobs/ingest") || resource.startsWith("jobs/ingest/")) {
            bulkIngestEndpoint.handle(exchange, version, resource.substring("jobs/ingest".length()).replaceFirst("^/", ""));
        } else if (resource.matches("sobjects/[A-Za-z0-9_]+/describe")) {
            DescribeEndpoint.handle(exchange, resource.split("/")[1]);
        } else if (resource.startsWith("sobjects/")) {
            sobjectEndpoint.handle(exchange, version, resource.substring("sobjects/".length()));
        } else {
            throw DemoApiException.notFound();
        }
    }

    // GET /demo/sobjects: counts per type; GET /demo/sobjects/{type}: that type's records as stored.
    private void demoRecords(HttpExchange exchange, String rest) throws IOException {
        String method = DemoHttp.method(exchange);
        if (!method.equals("GET")) {
            throw DemoApiException.methodNotAllowed(method, "GET");
        }
        String type = rest.replaceAll("^/+|/+$", "");
        if (type.isEmpty()) {
            DemoHttp.sendJson(exchange, 200, recordCounts());
        } else if (type.contains("/")) {
            throw DemoApiException.notFound();
        } else if (type.equalsIgnoreCase("Account")) {
            List<Map<String, Object>> out = new ArrayList<>();
            accounts.scanById(row -> true).forEach(row -> out.add(RecordRenderer.render(row, AccountFields.all(),
                    "v60.0")));
            DemoHttp.sendJson(exchange, 200, out);
        } else {
            DemoHttp.sendJson(exchange, 200, objects.records(type));
        }
    }
}
