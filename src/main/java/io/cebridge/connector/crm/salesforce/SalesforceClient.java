package io.cebridge.connector.crm.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cebridge.config.Secret;
import io.cebridge.connector.crm.CrmDescriber;
import io.cebridge.connector.crm.CrmRecordWriter;
import io.cebridge.connector.crm.SaveResult;
import io.cebridge.error.ErrorClassifier;
import io.cebridge.error.ErrorKind;
import io.cebridge.error.RetriableException;
import io.cebridge.error.SystemFailureException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Salesforce REST API client: OAuth2 client-credentials token, SOQL query with nextRecordsUrl paging and sObject
 * Collections update, upsert by external id and create. 401 INVALID_SESSION_ID gets one new token and one retry; 429, 5xx, REQUEST_LIMIT_EXCEEDED and
 * I/O failures surface as {@link RetriableException} carrying the server's Retry-After: the route that called
 * retries the step with back-off (Camel redelivery, routes/error-handling.yaml); this client never sleeps.
 */
public final class SalesforceClient implements CrmRecordWriter, CrmDescriber, BulkWriter {
    public static final int COLLECTION_LIMIT = 200;
    /** The default of bridge.crm.salesforce.max-answer-size (see docs/hostile-input.md for the measured page). */
    public static final int DEFAULT_MAX_ANSWER_BYTES = 16 * 1024 * 1024;
    private static final ObjectMapper JSON = SObjectCollections.JSON;

    private final String loginUrl;
    private final String clientId;
    private final Secret clientSecret;
    private final String apiVersion;
    private final Duration timeout;
    private final int queryBatchSize;
    private final HttpClient http;
    private final HostPolicy hosts;
    private final long maxAnswerBytes;
    private final URI login;
    private volatile SalesforceSession session;
    private final ApiUsage apiUsage = new ApiUsage(); // the org's daily API allowance, from every answer's header
    // describe bodies of this run, by lower-case type: an org's schema does not change under a running flow
    private final Map<String, Optional<Map<String, Object>>> describes = new ConcurrentHashMap<>();
    private volatile int bulkThreshold = 10_000; // bridge.crm.bulk-threshold
    private volatile ApiReserve reserve = ApiReserve.parse("0"); // bridge.crm.api-reserve

    public SalesforceClient(String loginUrl, String clientId, Secret clientSecret, String apiVersion, Duration timeout,
                            int queryBatchSize, HostPolicy hosts) {
        this(loginUrl, clientId, clientSecret, apiVersion, timeout, queryBatchSize, hosts, DEFAULT_MAX_ANSWER_BYTES);
    }

    /** {@code maxAnswerBytes}: the largest answer read (bridge.crm.salesforce.max-answer-size); a larger one fails its call. */
    public SalesforceClient(String loginUrl, String clientId, Secret clientSecret, String apiVersion, Duration timeout,
                            int queryBatchSize, HostPolicy hosts, long maxAnswerBytes) {
        this.maxAnswerBytes = maxAnswerBytes;
        this.loginUrl = loginUrl.replaceAll("/+$", "");
        this.hosts = hosts;
        this.login = hosts.login(this.loginUrl);
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.apiVersion = apiVersion;
        this.timeout = timeout;
        this.queryBatchSize = queryBatchSize;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** What Salesforce's answers last said of the org's daily API allowance (Sforce-Limit-Info). */
    public ApiUsage apiUsage() { return apiUsage; }

    /**
     * Reads and writes more records than {@code threshold} at once through Bulk API 2.0 jobs, and keeps {@code reserve}
     * of the org's daily API allowance unused (bridge.crm.bulk-threshold, bridge.crm.api-reserve).
     */
    public void bulk(int threshold, ApiReserve reserve) {
        this.bulkThreshold = threshold;
        this.reserve = reserve;
    }

    @Override
    public int bulkThreshold() {
        return bulkThreshold;
    }

    @Override
    public BulkIngestJob.Outcome upsertInBulk(String sobject, String externalIdField, List<Map<String, Object>> records) {
        return new BulkIngestJob(this).upsert(sobject, externalIdField, records);
    }

    String apiVersion() {
        return apiVersion;
    }

    /**
     * One Bulk API 2.0 call: a JSON or CSV body ({@code contentType}) out, the answer's text and Sforce-Locator back;
     * token refresh, reserve, usage and failures as every other call.
     */
    BulkAnswer bulkCall(String method, String pathAndQuery, String body, String contentType) {
        HttpResponse<Utf8Body> res = sendForAnswer(method, pathAndQuery, body, contentType);
        return new BulkAnswer(res.statusCode(), res.body().text(), res.headers().firstValue("Sforce-Locator").orElse(null));
    }

    /** Gets a token now, one try (what `validate` and the start checks do); throws the classified failure. */
    public void checkLogin() {
        session();
    }

    public QueryPage query(String soql) {
        String path = "/services/data/v" + apiVersion + "/query?q=" + URLEncoder.encode(soql, StandardCharsets.UTF_8);
        return QueryPageReader.read(sendForBody("GET", path, null));
    }

    public QueryPage queryMore(String nextRecordsUrl) {
        return QueryPageReader.read(sendForBody("GET", HostPolicy.nextRecordsPath(nextRecordsUrl), null));
    }

    /** GET .../sobjects/{type}/describe, once per type per run; a type the org does not have (404) is empty. */
    @Override
    @SuppressWarnings("unchecked")
    public Optional<Map<String, Object>> describe(String sobject) {
        String type = SObjectCollections.apiName("sObject", sobject);
        Optional<Map<String, Object>> known = describes.get(type.toLowerCase(java.util.Locale.ROOT));
        if (known != null) {
            return known;
        }
        Optional<Map<String, Object>> body;
        try {
            body = Optional.of(JSON.convertValue(send("GET", "/services/data/v" + apiVersion + "/sobjects/" + type
                    + "/describe", null), Map.class));
        } catch (SalesforceApiException e) {
            if (e.status() != 404) {
                throw e;
            }
            body = Optional.empty();
        }
        describes.put(type.toLowerCase(java.util.Locale.ROOT), body);
        return body;
    }

    @Override
    public List<Map<String, Object>> find(String soql) {
        QueryPage page = query(soql);
        List<Map<String, Object>> out = new ArrayList<>(page.records());
        while (page.nextRecordsUrl() != null) {
            page = queryMore(page.nextRecordsUrl());
            out.addAll(page.records());
        }
        return out;
    }

    /** Updates up to 200 records (each map holds "Id" and the fields to set); results in request order. */
    @Override
    public List<SaveResult> update(String sobject, List<Map<String, Object>> records, boolean allOrNone) {
        return write("PATCH", collectionsPath(),
                SObjectCollections.body(sobject, records, allOrNone, true));
    }

    /** PATCH .../composite/sobjects/{sobject}/{externalIdField}: insert or update by external id, per record. */
    @Override
    public List<SaveResult> upsert(String sobject, String externalIdField, List<Map<String, Object>> records,
                                   boolean allOrNone) {
        String path = collectionsPath() + "/" + SObjectCollections.apiName("sObject", sobject) + "/"
                + SObjectCollections.apiName("external id field", externalIdField);
        return write("PATCH", path,
                SObjectCollections.body(sobject, records, allOrNone, false));
    }

    /**
     * POST .../composite/sobjects, one attempt: unlike upsert and update a create is not idempotent, so an answer
     * lost after Salesforce committed must not be sent again blindly. A transient failure surfaces as
     * {@link RetriableException}; the caller retries by looking the records up first (see MatchWrite).
     */
    @Override
    public List<SaveResult> create(String sobject, List<Map<String, Object>> records, boolean allOrNone) {
        SObjectCollections.apiName("sObject", sobject); // refuses a name that is not an API name before sending
        return SObjectCollections.results(send("POST", collectionsPath(),
                SObjectCollections.body(sobject, records, allOrNone, false)));
    }

    private String collectionsPath() {
        return "/services/data/v" + apiVersion + "/composite/sobjects";
    }

    /** Upserts and updates are idempotent: a transient failure surfaces as retriable and the route's redelivery repeats them. */
    private List<SaveResult> write(String method, String path, String body) {
        return SObjectCollections.results(send(method, path, body));
    }

    /** One call with one token refresh on INVALID_SESSION_ID; transient failures surface as RetriableException. */
    private JsonNode send(String method, String pathAndQuery, String body) {
        return parse(sendForBody(method, pathAndQuery, body).text());
    }

    /** One call with one token refresh on INVALID_SESSION_ID; the body of a 2xx answer, else the classified failure. */
    private Utf8Body sendForBody(String method, String pathAndQuery, String body) {
        return sendForAnswer(method, pathAndQuery, body, "application/json").body();
    }

    private HttpResponse<Utf8Body> sendForAnswer(String method, String pathAndQuery, String body, String contentType) {
        reserve.beforeCall(apiUsage); // never into the reserve of the daily allowance
        SalesforceSession s = session();
        HttpResponse<Utf8Body> res = exchange(s, method, pathAndQuery, body, contentType);
        if (res.statusCode() == 401) {
            synchronized (this) {
                if (session == s) {
                    session = null;
                }
            }
            res = exchange(session(), method, pathAndQuery, body, contentType);
        }
        apiUsage.observe(res);
        int status = res.statusCode();
        if (status >= 200 && status < 300) {
            return res;
        }
        SalesforceApiException api = toApiException(status, res.body().text());
        // a rate limit can come as 403 REQUEST_LIMIT_EXCEEDED; every other status is classified in one place
        ErrorKind kind = "REQUEST_LIMIT_EXCEEDED".equals(api.errorCode()) ? ErrorKind.RETRIABLE
                : ErrorClassifier.classifyHttp(status);
        if (kind == ErrorKind.RETRIABLE) {
            throw new RetriableException(api.getMessage(), api, retryAfterMillis(res));
        }
        if (kind == ErrorKind.SYSTEM) {
            throw new SystemFailureException("Salesforce refused the integration user (HTTP " + status + " "
                    + api.errorCode() + "); check the connected app's permissions", api);
        }
        throw api;
    }

    private HttpResponse<Utf8Body> exchange(SalesforceSession s, String method, String pathAndQuery, String body,
                                            String contentType) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.instanceUrl() + pathAndQuery))
                .timeout(timeout)
                .header("Authorization", "Bearer " + s.accessToken())
                .header("Accept", contentType.startsWith("text/csv") ? "text/csv" : "application/json")
                .header("Sforce-Query-Options", "batchSize=" + queryBatchSize);
        if (body != null) {
            b.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return call(b.build());
    }

    private synchronized SalesforceSession session() {
        if (session == null) {
            session = login();
        }
        return session;
    }

    private SalesforceSession login() {
        String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(clientSecret.reveal(), StandardCharsets.UTF_8);
        HttpRequest req = HttpRequest.newBuilder(URI.create(loginUrl + "/services/oauth2/token"))
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        HttpResponse<Utf8Body> res = call(req);
        if (res.statusCode() == 429 || res.statusCode() >= 500) {
            throw new RetriableException("Salesforce token endpoint answered HTTP " + res.statusCode(), null,
                    retryAfterMillis(res));
        }
        JsonNode n;
        try {
            n = JSON.readTree(res.body().text());
        } catch (IOException e) {
            throw new RetriableException("Salesforce token endpoint answered HTTP " + res.statusCode()
                    + " with a body that is not JSON", e);
        }
        if (res.statusCode() != 200 || !n.hasNonNull("access_token")) {
            throw new SystemFailureException("Salesforce login at " + loginUrl + " failed: " + n.path("error").asText("HTTP "
                    + res.statusCode()) + " (" + n.path("error_description").asText("") + "); check "
                    + "bridge.crm.salesforce.client-id and bridge.crm.salesforce.client-secret", null);
        }
        return new SalesforceSession(n.get("access_token").asText(), hosts.instance(n.path("instance_url")
                .asText(loginUrl).replaceAll("/+$", ""), login));
    }

    private HttpResponse<Utf8Body> call(HttpRequest req) {
        try {
            return http.send(req, Utf8Body.handler(maxAnswerBytes));
        } catch (IOException e) {
            if (e.getCause() instanceof CrmAnswerException refused) {
                throw refused; // over max-answer-size, or not UTF-8: the same request gets the same answer
            }
            throw new RetriableException("Salesforce not reachable at " + req.uri().getHost() + ": "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetriableException("interrupted while calling Salesforce", e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode n = JSON.readTree(body == null ? "" : body);
            if (n == null || n.isMissingNode()) {
                throw new RetriableException("Salesforce answered with an empty body", null);
            }
            return n;
        } catch (IOException e) {
            throw new RetriableException("Salesforce answered with a body that is not JSON", e);
        }
    }

    static SalesforceApiException toApiException(int status, String body) {
        try {
            JsonNode n = JSON.readTree(body == null ? "" : body);
            JsonNode first = n != null && n.isArray() ? n.path(0) : n;
            if (first != null && first.has("errorCode")) {
                return new SalesforceApiException(status, first.get("errorCode").asText(), first.path("message").asText());
            }
        } catch (IOException e) {
            // not JSON: report the status alone
        }
        return new SalesforceApiException(status, "HTTP_" + status, "unexpected answer");
    }

    private static long retryAfterMillis(HttpResponse<?> res) {
        return res.headers().firstValue("Retry-After").map(v -> {
            try {
                return Long.parseLong(v.trim()) * 1000;
            } catch (NumberFormatException e) {
                return 0L; // HTTP-date form: fall back to our own back-off
            }
        }).orElse(0L);
    }
}
