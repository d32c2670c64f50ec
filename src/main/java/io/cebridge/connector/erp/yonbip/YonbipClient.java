package io.cebridge.connector.erp.yonbip;

import com.fasterxml.jackson.databind.JsonNode;
import io.cebridge.connector.erp.ApiHttp;
import io.cebridge.error.ErrorClassifier;
import io.cebridge.error.ErrorKind;
import io.cebridge.error.Redactor;
import io.cebridge.error.RetriableException;
import io.cebridge.error.SystemFailureException;
import io.cebridge.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The transport of the YonBIP OpenAPI: an access token fetched with the signed self-built-app request
 * ({@link YonbipSignature}) and kept until shortly before it expires; business calls POST JSON to
 * {@code {gateway}{path}?access_token=...}. A token the gateway refuses gets one new token and one retry; HTTP
 * 429 / 5xx / 408, timeouts, HTML pages and bodies that are not the code/message envelope are
 * {@link RetriableException}s for the route's redelivery (nothing sleeps here); a refused token request is a
 * {@link SystemFailureException}. The app secret and the token never appear in a log line or an exception.
 */
public final class YonbipClient {
    public static final String TOKEN_PATH = "/open-auth/selfAppAuth/getAccessToken";
    /** A token is renewed this long before YonBIP's expiry, so a call never carries one about to lapse. */
    private static final long RENEW_BEFORE_MS = 60_000;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(YonbipClient.class);

    private final YonbipSettings settings;
    private final HttpClient http;
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private volatile Token token;

    /** One access token and when to stop using it; never printed. */
    private record Token(String value, long renewAtMillis) {
        @Override
        public String toString() {
            return "Token[****]";
        }
    }

    public YonbipClient(YonbipSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).version(HttpClient.Version.HTTP_1_1).build();
    }

    public YonbipSettings settings() {
        return settings;
    }

    /** Fetches a token now, one try (what `validate` and the start checks do); throws the classified failure. */
    public void checkToken() {
        token();
    }

    /** Calls made so far per path (the token request included), for the figures of a load. */
    public Map<String, Long> calls() {
        Map<String, Long> out = new TreeMap<>();
        calls.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** POSTs {@code body} to {@code path}: the envelope YonBIP answered, after one new token if it refused the old one. */
    public YonbipStatus post(String path, Object body) {
        String json = Json.write(body);
        Token t = token();
        YonbipStatus st = send(path, json, t);
        if (st.tokenRefused()) {
            LOG.info("YonBIP {}: the access token was refused ({}); fetching a new one", path, st.code());
            synchronized (this) {
                if (token == t) {
                    token = null;
                }
            }
            st = send(path, json, token());
            if (st.tokenRefused()) {
                throw new RetriableException("YonBIP " + path + " refused a token fetched just before: "
                        + clean(st.describe()), null);
            }
        }
        return st;
    }

    private YonbipStatus send(String path, String json, Token t) {
        HttpRequest req = HttpRequest.newBuilder(URI.create(settings.gatewayUrl() + path + "?access_token=" + t.value()))
                .timeout(settings.timeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build();
        calls.computeIfAbsent(path, k -> new LongAdder()).increment();
        HttpResponse<String> res = exchange(req, path);
        if (res.statusCode() == 401) {
            return new YonbipStatus("401", "HTTP 401: the gateway refused the access token", null);
        }
        return envelope(path, res);
    }

    private synchronized Token token() {
        if (token == null || System.currentTimeMillis() >= token.renewAtMillis()) {
            token = fetchToken();
        }
        return token;
    }

    private Token fetchToken() {
        long now = System.currentTimeMillis();
        HttpRequest req = HttpRequest.newBuilder(URI.create(settings.tokenUrl() + TOKEN_PATH + "?"
                        + YonbipSignature.query(settings.appKey(), now, settings.appSecret().reveal())))
                .timeout(settings.timeout())
                .header("Accept", "application/json")
                .GET()
                .build();
        calls.computeIfAbsent(TOKEN_PATH, k -> new LongAdder()).increment();
        YonbipStatus st = envelope(TOKEN_PATH, exchange(req, TOKEN_PATH));
        String value = st.data() == null ? "" : st.data().path("access_token").asText("");
        if (!st.tokenIssued() || value.isBlank()) {
            throw new SystemFailureException("YonBIP refused an access token to app key '" + settings.appKey() + "' at "
                    + settings.tokenUrl() + ": " + Redactor.oneLine(clean(st.describe()))
                    + "; check bridge.erp.yonbip.app-key, bridge.erp.yonbip.app-secret and bridge.erp.yonbip.token-url"
                    + " (and the machine's clock: the signature carries a timestamp)", null);
        }
        long expire = st.data().path("expire").asLong(7200);
        return new Token(value, now + Math.max(expire * 1000 - RENEW_BEFORE_MS, expire * 500));
    }

    private HttpResponse<String> exchange(HttpRequest req, String path) {
        return ApiHttp.send(http, req, "YonBIP " + path, settings.timeout(), "bridge.erp.yonbip.timeout", this::clean);
    }

    /** The code/message envelope of an HTTP answer, or the classified failure of a call that has none. */
    private YonbipStatus envelope(String path, HttpResponse<String> res) {
        int status = res.statusCode();
        String body = res.body() == null ? "" : res.body().strip();
        boolean html = body.startsWith("<");
        if (status != 200) {
            String what = "YonBIP " + path + " answered HTTP " + status + (html ? " with an HTML page" : "");
            if (ErrorClassifier.classifyHttp(status) == ErrorKind.RETRIABLE) {
                throw new RetriableException(what, null, ApiHttp.retryAfterMillis(res));
            }
            throw new SystemFailureException(what + "; check bridge.erp.yonbip.gateway-url and"
                    + " bridge.erp.yonbip.token-url (the data centre's hosts of the tenant)", null);
        }
        if (html) {
            throw new RetriableException("YonBIP " + path + " answered an HTML page instead of JSON (a proxy's error or"
                    + " login page?)", null);
        }
        JsonNode node;
        try {
            node = body.isEmpty() ? null : Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new RetriableException("YonBIP " + path + " answered a body that is not JSON (cut short?)", null);
        }
        YonbipStatus st = YonbipStatus.of(node);
        if (st == null) {
            throw new RetriableException("YonBIP " + path + " answered without the code/message envelope", null);
        }
        return st;
    }

    /** YonBIP's text without the app secret or the token, should a server ever echo them. */
    String clean(String text) {
        String out = text == null ? "" : text;
        String secret = settings.appSecret().reveal();
        if (!secret.isEmpty()) {
            out = out.replace(secret, "****");
        }
        Token t = token;
        return t == null ? out : out.replace(t.value(), "****");
    }
}
