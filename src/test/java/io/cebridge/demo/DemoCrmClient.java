package io.cebridge.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** Minimal REST client for tests: what the ce-bridge connector does, written with java.net.http only. */
final class DemoCrmClient {

    static final String VERSION = "v60.0";

    /** A response with its body parsed as JSON (null when empty). */
    record Response(int status, JsonNode json) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;
    private String token;

    DemoCrmClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    Response requestToken(String form) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/services/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        return send(request);
    }

    DemoCrmClient login(String clientId, String secret) {
        Response response = requestToken("grant_type=client_credentials&client_id=" + enc(clientId)
                + "&client_secret=" + enc(secret));
        if (response.status() != 200) {
            throw new IllegalStateException("login failed: " + response);
        }
        token = response.json().get("access_token").asText();
        return this;
    }

    Response query(String soql) {
        return get("/services/data/" + VERSION + "/query?q=" + enc(soql), null);
    }

    Response query(String soql, int batchSize) {
        return get("/services/data/" + VERSION + "/query?q=" + enc(soql), "batchSize=" + batchSize);
    }

    Response get(String path) {
        return get(path, null);
    }

    Response get(String path, String queryOptions) {
        HttpRequest.Builder builder = authorized(path).GET();
        if (queryOptions != null) {
            builder.header("Sforce-Query-Options", queryOptions);
        }
        return send(builder.build());
    }

    Response patch(String path, Object body) {
        return send(authorized(path).method("PATCH", json(body)).header("Content-Type", "application/json").build());
    }

    Response post(String path, Object body) {
        return send(authorized(path).POST(json(body)).header("Content-Type", "application/json").build());
    }

    private HttpRequest.Builder authorized(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private static HttpRequest.BodyPublisher json(Object body) {
        try {
            return HttpRequest.BodyPublishers.ofByteArray(MAPPER.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            byte[] body = response.body();
            return new Response(response.statusCode(), body.length == 0 ? null : MAPPER.readTree(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
