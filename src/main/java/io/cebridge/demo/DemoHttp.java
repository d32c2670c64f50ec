package io.cebridge.demo;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Small helpers for reading requests and writing JSON responses on the JDK HTTP server. */
final class DemoHttp {

    private DemoHttp() {
    }

    /** The request method, honouring Salesforce's {@code ?_HttpMethod=PATCH} override for clients without PATCH. */
    static String method(HttpExchange exchange) {
        String override = queryParams(exchange).get("_HttpMethod");
        if (override != null && exchange.getRequestMethod().equalsIgnoreCase("POST")) {
            return override.toUpperCase(Locale.ROOT);
        }
        return exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    }

    /** Decoded query-string parameters (first value wins). */
    static Map<String, String> queryParams(HttpExchange exchange) {
        return parseForm(exchange.getRequestURI().getRawQuery());
    }

    /** Parses {@code a=1&b=2} with URL decoding; null or blank gives an empty map. */
    static Map<String, String> parseForm(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null || raw.isBlank()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(key, value);
        }
        return params;
    }

    /** Reads the whole request body. */
    static byte[] body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return in.readAllBytes();
        }
    }

    /** Reads the body as a JSON object; malformed JSON is a 400 JSON_PARSER_ERROR as in Salesforce. */
    static Map<String, Object> jsonObject(HttpExchange exchange) throws IOException {
        byte[] body = body(exchange);
        try {
            return DemoJson.readMap(body);
        } catch (IOException e) {
            throw new DemoApiException(400, "JSON_PARSER_ERROR", e.getMessage());
        }
    }

    /** Sends a JSON body with the given status and closes the exchange. */
    static void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
        sendJsonBytes(exchange, status, DemoJson.write(body));
    }

    /** Sends already serialised JSON with the given status and closes the exchange. */
    static void sendJsonBytes(HttpExchange exchange, int status, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Sends 204 No Content and closes the exchange. */
    static void sendNoContent(HttpExchange exchange) throws IOException {
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
    }
}
