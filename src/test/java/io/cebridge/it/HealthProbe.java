package io.cebridge.it;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Reads the runtime's GET /health, for fault tests that expect a component to go DOWN and come back UP. */
public final class HealthProbe {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private final int port;

    public HealthProbe(int port) {
        this.port = port;
    }

    /** The overall status and the named component's, e.g. "DOWN/DOWN"; "unreachable" when the server does not answer. */
    public String status(String component) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(r.body());
            JsonNode c = body.path("components").path(component);
            String componentStatus = c.isTextual() ? c.asText() : c.path("status").asText();
            return body.path("status").asText() + "/" + componentStatus + (r.statusCode() == 200 ? "" : " " + r.statusCode());
        } catch (Exception e) {
            return "unreachable";
        }
    }

    /** Waits until /health answers 503 with {@code component} DOWN. */
    public void awaitDown(String component, Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(250)).until(() -> status(component).equals("DOWN/DOWN 503"));
    }

    /** Waits until /health answers 200 with everything UP. */
    public void awaitUp(Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(250)).until(() -> status("erp").startsWith("UP/"));
    }
}
