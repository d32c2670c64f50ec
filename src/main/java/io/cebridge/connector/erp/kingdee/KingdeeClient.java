package io.cebridge.connector.erp.kingdee;

import com.fasterxml.jackson.databind.JsonNode;
import io.cebridge.error.ErrorClassifier;
import io.cebridge.error.ErrorKind;
import io.cebridge.error.RetriableException;
import io.cebridge.error.SystemFailureException;
import io.cebridge.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The transport of the Kingdee K/3 Cloud WebAPI: every call is a JSON POST to
 * {@code {server}/Kingdee.BOS.WebApi.ServicesStub.{Service}.{Method}.common.kdsvc} carrying the session cookies of
 * {@code AuthService.LoginByAppSecret}. A lost session (MsgCode 1, "会话信息已丢失") gets one new login and one retry;
 * HTTP 519 / 5xx / 429 / 408, timeouts, HTML pages and bodies that are not JSON are {@link RetriableException}s for
 * the route's redelivery (nothing sleeps here); a refused login is a {@link SystemFailureException}. The app secret
 * and the session id never appear in a log line or an exception.
 */
public final class KingdeeClient {
    public static final String SESSION_COOKIE = "kdservice-sessionid";
    private static final String STUB = "Kingdee.BOS.WebApi.ServicesStub.";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(KingdeeClient.class);

    private final KingdeeSettings settings;
    private final HttpClient http;
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private volatile Session session;

    /** The cookies of one login, sent with every call; never printed. */
    private record Session(String cookieHeader) {
        @Override
        public String toString() {
            return "Session[****]";
        }
    }

    public KingdeeClient(KingdeeSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).version(HttpClient.Version.HTTP_1_1).build();
    }

    public KingdeeSettings settings() {
        return settings;
    }

    /** Logs in now, one try (what `validate` and the start checks do); throws the classified failure. */
    public void checkLogin() {
        session();
    }

    /** Calls {@code DynamicFormService.{method}}: the parsed answer, after one re-login if the session was lost. */
    public JsonNode form(String method, Object body) {
        return call("DynamicFormService", method, body);
    }

    /** Calls made so far per method (login included), for the figures of a load. */
    public Map<String, Long> calls() {
        Map<String, Long> out = new TreeMap<>();
        calls.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    JsonNode call(String service, String method, Object body) {
        String json = Json.write(body);
        Session s = session();
        JsonNode answer = post(service, method, json, s);
        if (sessionLost(answer)) {
            LOG.info("Kingdee {}: the session was lost; logging in again", method);
            synchronized (this) {
                if (session == s) {
                    session = null;
                }
            }
            answer = post(service, method, json, session());
            if (sessionLost(answer)) {
                throw new RetriableException("Kingdee " + method + ": the session was lost again right after a new login",
                        null);
            }
        }
        return answer;
    }

    /** MsgCode 1 in the envelope, also inside ExecuteBillQuery's 2-D array wrapping of an error. */
    static boolean sessionLost(JsonNode answer) {
        KingdeeStatus st = KingdeeStatus.of(envelope(answer));
        return st != null && st.sessionLost();
    }

    /** The {"Result": ...} object of an answer: the answer itself, or the one an array answer wraps ([[{...}]]). */
    static JsonNode envelope(JsonNode answer) {
        if (answer != null && answer.isArray() && answer.size() > 0) {
            JsonNode first = answer.get(0);
            JsonNode inner = first.isArray() && first.size() > 0 ? first.get(0) : first;
            return inner.isObject() && inner.has("Result") ? inner : null;
        }
        return answer;
    }

    private JsonNode post(String service, String method, String json, Session s) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(settings.serverUrl() + "/" + STUB + service + "."
                        + method + ".common.kdsvc"))
                .timeout(settings.timeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (s != null) {
            b.header("Cookie", s.cookieHeader());
        }
        calls.computeIfAbsent(method, k -> new LongAdder()).increment();
        return parse(method, send(b.build(), method));
    }

    private HttpResponse<String> send(HttpRequest req, String method) {
        return io.cebridge.connector.erp.ApiHttp.send(http, req, "Kingdee " + method, settings.timeout(),
                "bridge.erp.kingdee.timeout", this::clean);
    }

    private JsonNode parse(String method, HttpResponse<String> res) {
        int status = res.statusCode();
        String body = res.body() == null ? "" : res.body().strip();
        boolean html = body.startsWith("<");
        if (status != 200 && status != 206) {
            String what = "Kingdee " + method + " answered HTTP " + status + (html ? " with an HTML page" : "");
            if (ErrorClassifier.classifyHttp(status) == ErrorKind.RETRIABLE) {
                throw new RetriableException(what, null, io.cebridge.connector.erp.ApiHttp.retryAfterMillis(res));
            }
            throw new SystemFailureException(what + "; check bridge.erp.kingdee.server-url (the WebAPI lives under"
                    + " the K/3 Cloud site, e.g. https://host/k3cloud)", null);
        }
        if (body.startsWith("response_error:")) {
            throw new RetriableException("Kingdee " + method + " answered a transport error: "
                    + io.cebridge.error.Redactor.oneLine(clean(body.substring(0, Math.min(body.length(), 200)))), null);
        }
        if (html) {
            throw new RetriableException("Kingdee " + method + " answered an HTML page instead of JSON (a proxy's error"
                    + " or login page?)", null);
        }
        if (body.isEmpty()) {
            throw new RetriableException("Kingdee " + method + " answered an empty body", null);
        }
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new RetriableException("Kingdee " + method + " answered a body that is not JSON (cut short?)", e);
        }
    }

    private synchronized Session session() {
        if (session == null) {
            session = login();
        }
        return session;
    }

    private Session login() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("format", 1);
        body.put("useragent", "ApiClient");
        body.put("parameters", List.of(settings.acctId(), settings.username(), settings.appId(),
                settings.appSecret().reveal(), settings.lcid()));
        body.put("v", "1.0");
        HttpRequest req = HttpRequest.newBuilder(URI.create(settings.serverUrl() + "/" + STUB
                        + "AuthService.LoginByAppSecret.common.kdsvc"))
                .timeout(settings.timeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body), StandardCharsets.UTF_8))
                .build();
        calls.computeIfAbsent("LoginByAppSecret", k -> new LongAdder()).increment();
        HttpResponse<String> res = send(req, "LoginByAppSecret");
        JsonNode n = parse("LoginByAppSecret", res);
        int type = n.path("LoginResultType").asInt(Integer.MIN_VALUE);
        if (type != 1) {
            String msg = n.path("Message").isTextual() ? clean(n.path("Message").asText()) : "no message";
            throw new SystemFailureException("Kingdee refused the login of user '" + settings.username()
                    + "' into data centre '" + settings.acctId() + "' at " + settings.serverUrl() + ": "
                    + io.cebridge.error.Redactor.oneLine(msg) + " (LoginResultType " + n.path("LoginResultType").asText("missing")
                    + "); check bridge.erp.kingdee.acct-id, bridge.erp.kingdee.username, bridge.erp.kingdee.app-id and"
                    + " bridge.erp.kingdee.app-secret", null);
        }
        List<String> cookies = new ArrayList<>();
        boolean sessionCookie = false;
        for (String header : res.headers().allValues("Set-Cookie")) {
            String pair = header.split(";", 2)[0].strip();
            if (pair.contains("=")) {
                cookies.add(pair);
                sessionCookie |= pair.regionMatches(true, 0, SESSION_COOKIE + "=", 0, SESSION_COOKIE.length() + 1);
            }
        }
        String bodySession = n.path("KDSVCSessionId").isTextual() ? n.path("KDSVCSessionId").asText() : "";
        if (!sessionCookie && !bodySession.isBlank()) {
            cookies.add(SESSION_COOKIE + "=" + bodySession);
            sessionCookie = true;
        }
        if (!sessionCookie) {
            throw new RetriableException("Kingdee accepted the login but sent no " + SESSION_COOKIE + " cookie", null);
        }
        return new Session(String.join("; ", cookies));
    }

    /** Kingdee's text without the app secret, should a server ever echo it. */
    private String clean(String text) {
        String secret = settings.appSecret().reveal();
        return secret.isEmpty() ? text : text.replace(secret, "****");
    }
}
