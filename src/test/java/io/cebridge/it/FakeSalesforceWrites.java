package io.cebridge.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * WireMock standing in for Salesforce's write API in ERP -> CRM tests: token endpoint with restforce's real login body,
 * sObject Collections upsert (PATCH composite/sobjects/{type}/{externalIdField}) and update (PATCH composite/sobjects)
 * answering per record like Salesforce does, and keeping the resulting records so tests can assert the CRM's state.
 * A rejection rule makes chosen records fail with Salesforce's own error shape.
 */
public final class FakeSalesforceWrites implements AutoCloseable {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            // keep 11044.30 as sent: the tests compare the CRM's figures with the ERP's to the written scale
            .disable(com.fasterxml.jackson.databind.cfg.JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES).build();
    private static final String UPSERT = "/services/data/v[0-9.]+/composite/sobjects/([A-Za-z0-9_]+)/([A-Za-z0-9_]+)";
    private static final String UPDATE = "/services/data/v[0-9.]+/composite/sobjects";

    /** type -> external id value (or Id) -> the record as last written. */
    public final Map<String, Map<String, ObjectNode>> records = new ConcurrentHashMap<>();
    /** Every record of every write call, in arrival order (type, body). */
    public final List<ObjectNode> writes = java.util.Collections.synchronizedList(new ArrayList<>());
    public final AtomicInteger calls = new AtomicInteger();
    private volatile Predicate<ObjectNode> reject = r -> false;
    private final AtomicInteger ids = new AtomicInteger();
    private final WireMockServer wm;

    public FakeSalesforceWrites() throws Exception {
        wm = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").extensions(new Transformer()));
        wm.start();
        ObjectNode token = (ObjectNode) JSON.readTree(Files.readString(
                Path.of("src/test/resources/salesforce/auth_success_response.json")));
        token.put("instance_url", wm.baseUrl());
        wm.stubFor(post("/services/oauth2/token").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(token.toString())));
        wm.stubFor(any(urlPathMatching(UPDATE + "(/.*)?")).atPriority(10)
                .willReturn(aResponse().withTransformers("sf-writes")));
    }

    public String baseUrl() {
        return wm.baseUrl();
    }

    /** Records matching {@code rule} are answered with success=false and Salesforce's error for a bad value. */
    public void rejectWhen(Predicate<ObjectNode> rule) {
        this.reject = rule;
    }

    public Map<String, ObjectNode> of(String type) {
        return records.getOrDefault(type, Map.of());
    }

    @Override
    public void close() {
        wm.stop();
    }

    private final class Transformer implements ResponseDefinitionTransformerV2 {
        @Override
        public String getName() {
            return "sf-writes";
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            calls.incrementAndGet();
            String path = event.getRequest().getUrl().replaceAll("\\?.*", "");
            java.util.regex.Matcher m = java.util.regex.Pattern.compile(UPSERT).matcher(path);
            String externalId = m.matches() ? m.group(2) : "Id";
            try {
                JsonNode body = JSON.readTree(event.getRequest().getBodyAsString());
                ArrayNode out = JSON.createArrayNode();
                for (JsonNode r : body.path("records")) {
                    ObjectNode rec = ((ObjectNode) r).deepCopy();
                    String type = m.matches() ? m.group(1) : rec.path("attributes").path("type").asText();
                    rec.remove("attributes");
                    if (!m.matches() && rec.has("id")) {
                        rec.set("Id", rec.remove("id"));
                    }
                    writes.add(rec.deepCopy().put("__type", type));
                    ObjectNode res = out.addObject();
                    if (reject.test(rec)) {
                        res.putNull("id");
                        res.put("success", false);
                        res.putArray("errors").addObject().put("statusCode", "FIELD_CUSTOM_VALIDATION_EXCEPTION")
                                .put("message", "Rejected by a validation rule of the test").putArray("fields");
                        continue;
                    }
                    String key = rec.path(externalId).asText();
                    Map<String, ObjectNode> byKey = records.computeIfAbsent(type, t -> new ConcurrentHashMap<>());
                    ObjectNode existing = byKey.get(key);
                    String id = existing != null ? existing.path("Id").asText()
                            : String.format("a0X%012d", ids.incrementAndGet());
                    if (existing != null) {
                        existing.setAll(rec);
                    } else {
                        rec.put("Id", id);
                        byKey.put(key, rec);
                    }
                    res.put("id", id);
                    res.put("success", true);
                    res.putArray("errors");
                    if (m.matches()) {
                        res.put("created", existing == null);
                    }
                }
                return com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition().withStatus(200)
                        .withHeader("Content-Type", "application/json").withBody(JSON.writeValueAsString(out)).build();
            } catch (Exception e) {
                return new ResponseDefinition(500, e.toString());
            }
        }
    }
}
