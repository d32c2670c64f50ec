package io.cebridge.demo.yonbip;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import io.cebridge.connector.erp.yonbip.YonbipClient;
import io.cebridge.connector.erp.yonbip.YonbipForms;
import io.cebridge.connector.erp.yonbip.YonbipSignature;
import io.cebridge.demo.StandInHttp;
import io.cebridge.json.Json;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-process stand-in of the YonBIP OpenAPI for the customer archive: the signed self-built-app token request
 * (HmacSHA256 signature checked, timestamp within five minutes, tokens that expire), merchant save and newlist behind
 * the access token, every answer in the code/message/data envelope (token "00000", business "200", an empty list
 * 118001). Save rules in {@link StandInMerchants}. Faults on demand: tokens dying after some calls, HTTP 503 while
 * overloaded, a proxy's HTML page, saves applied late and answered after a delay.
 */
public final class YonbipStandIn implements AutoCloseable {
    /** The stand-in's own codes for token refusals: YonBIP's pages name none, clients must go by "not 00000". */
    static final String BAD_SIGNATURE = "401";
    static final String TOKEN_INVALID = "401";
    private static final long FRESHNESS_MS = Duration.ofMinutes(5).toMillis();
    private final String appKey;
    private final String appSecret;
    private final StandInMerchants merchants;
    private final Map<String, AtomicInteger> tokens = new ConcurrentHashMap<>();
    private final Map<String, Long> tokenExpiry = new ConcurrentHashMap<>();
    private final List<String> issued = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
    private final AtomicInteger overloaded = new AtomicInteger();
    private final AtomicInteger htmlPages = new AtomicInteger();
    private final AtomicInteger lateSaves = new AtomicInteger();
    private volatile Duration lateBy = Duration.ZERO;
    private volatile int tokenCalls = Integer.MAX_VALUE;
    private volatile long expireSeconds = 7200;
    private StandInHttp server;

    public YonbipStandIn(String appKey, String appSecret, Set<String> orgs, int maxCode, int maxName) {
        this.appKey = appKey;
        this.appSecret = appSecret;
        this.merchants = new StandInMerchants(orgs, maxCode, maxName);
    }

    /** As the tests use it: organisation "ORG01", codes up to 50 characters, names up to 200. */
    public static YonbipStandIn standard(String appSecret) {
        return new YonbipStandIn("ce-bridge-app-key", appSecret, Set.of("ORG01"), 50, 200);
    }

    public synchronized YonbipStandIn start(int port) throws IOException {
        server = StandInHttp.start(port, "yonbip-stand-in", this::handle);
        return this;
    }

    /** bridge.erp.yonbip.token-url and gateway-url: one host here, two in a real data centre. */
    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    public String appKey() {
        return appKey;
    }

    /** The bridge.erp.* settings that point ce-bridge at this stand-in, calling with {@code appSecret}. */
    public Map<String, String> bridgeSettings(String appSecret) {
        return Map.of("bridge.erp.type", "yonbip", "bridge.erp.yonbip.token-url", url(),
                "bridge.erp.yonbip.gateway-url", url(), "bridge.erp.yonbip.app-key", appKey,
                "bridge.erp.yonbip.app-secret", appSecret, "bridge.erp.yonbip.org-code", "ORG01");
    }

    /** Every token, those handed out included, dies after this many more business calls (exact, unlike a clock). */
    public void expireTokensAfter(int businessCalls) {
        tokenCalls = businessCalls;
        tokens.values().forEach(left -> left.updateAndGet(n -> Math.min(n, businessCalls)));
    }

    /** The "expire" (seconds) the token answer gives from now on. */
    public void tokenLifetime(long seconds) {
        expireSeconds = seconds;
    }

    /** The next {@code times} business calls are answered HTTP 503 (the gateway overloaded). */
    public void overload(int times) {
        overloaded.set(times);
    }

    /** The next {@code times} business calls are answered with a proxy's HTML error page (HTTP 200). */
    public void answerHtml(int times) {
        htmlPages.set(times);
    }

    /** The next {@code times} saves are applied after {@code delay} and answered then (a slow server). */
    public void answerSavesLate(int times, Duration delay) {
        lateBy = delay;
        lateSaves.set(times);
    }

    /** Calls received per path (the token request included). */
    public Map<String, Long> calls() {
        Map<String, Long> out = new TreeMap<>();
        calls.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** Saves answered with the first result of their resubmitCheckKey instead of being saved again. */
    public long replayedSaves() {
        return merchants.replays();
    }

    /** Every token handed out so far (tests check none reaches a log line). */
    public List<String> issuedTokens() {
        return List.copyOf(issued);
    }

    /** The merchants, oldest first. */
    public List<Map<String, Object>> merchants() {
        return merchants.all();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            Map<String, String> query = query(ex.getRequestURI().getRawQuery());
            calls.computeIfAbsent(path, k -> new AtomicLong()).incrementAndGet();
            if (path.equals(YonbipClient.TOKEN_PATH) && "GET".equals(ex.getRequestMethod())) {
                json(ex, token(query));
                return;
            }
            boolean save = path.equals(YonbipForms.MERCHANT_SAVE);
            if (!"POST".equals(ex.getRequestMethod()) || !(save || path.equals(YonbipForms.MERCHANT_LIST))) {
                StandInHttp.send(ex, 404, "<html><body>404 Not Found</body></html>", "text/html");
                return;
            }
            if (StandInHttp.take(overloaded)) {
                StandInHttp.send(ex, 503, "<html><body>503 Service Temporarily Unavailable</body></html>", "text/html");
                return;
            }
            if (StandInHttp.take(htmlPages)) {
                StandInHttp.send(ex, 200, "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>",
                        "text/html");
                return;
            }
            String token = query.getOrDefault("access_token", "");
            AtomicInteger left = tokens.get(token);
            if (left == null || System.currentTimeMillis() > tokenExpiry.getOrDefault(token, 0L)
                    || left.decrementAndGet() < 0) {
                tokens.remove(token);
                json(ex, StandInMerchants.answer(TOKEN_INVALID, "非法token，access_token无效或已过期", null));
                return;
            }
            JsonNode body;
            try {
                body = Json.MAPPER.readTree(ex.getRequestBody().readAllBytes());
            } catch (IOException e) {
                json(ex, StandInMerchants.answer(StandInMerchants.REFUSED, "请求参数格式错误", null));
                return;
            }
            if (save) {
                JsonNode data = body.path("data");
                if (!data.isObject()) {
                    json(ex, StandInMerchants.answer(StandInMerchants.REFUSED, "data不能为空", null));
                    return;
                }
                boolean late = StandInHttp.take(lateSaves);
                json(ex, merchants.save(data, () -> {
                    if (late) {
                        StandInHttp.pause(lateBy);
                    }
                }));
                return;
            }
            json(ex, merchants.list(body));
        }
    }

    /** The token answer: the signature recomputed with the app's secret, the timestamp fresh. */
    private Map<String, Object> token(Map<String, String> q) {
        String key = q.getOrDefault("appKey", "");
        long ts;
        try {
            ts = Long.parseLong(q.getOrDefault("timestamp", ""));
        } catch (NumberFormatException e) {
            return StandInMerchants.answer(BAD_SIGNATURE, "timestamp不合法", null);
        }
        if (!key.equals(appKey)) {
            return StandInMerchants.answer(BAD_SIGNATURE, "应用不存在或appKey错误", null);
        }
        if (Math.abs(System.currentTimeMillis() - ts) > FRESHNESS_MS) {
            return StandInMerchants.answer(BAD_SIGNATURE, "timestamp已过期，请检查服务器时间", null);
        }
        if (!YonbipSignature.sign(key, ts, appSecret).equals(q.getOrDefault("signature", ""))) {
            return StandInMerchants.answer(BAD_SIGNATURE, "签名验证失败，请检查appKey和appSecret", null);
        }
        String token = UUID.randomUUID().toString().replace("-", "");
        tokens.put(token, new AtomicInteger(tokenCalls));
        tokenExpiry.put(token, System.currentTimeMillis() + expireSeconds * 1000);
        issued.add(token);
        return StandInMerchants.answer("00000", "成功！", Map.of("access_token", token, "expire", expireSeconds));
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    private static void json(HttpExchange ex, Object body) throws IOException {
        StandInHttp.send(ex, 200, Json.write(body), "application/json");
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
