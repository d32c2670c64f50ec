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
import io.cebridge.demo.DescribedFieldRules;
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
 * sObject Collections upsert (PATCH composite/sobjects/{type}/{externalIdField}), update (PATCH composite/sobjects)
 * and create (POST composite/sobjects, records kept by their new Id) answering per record like Salesforce does, a
 * SOQL query of simple AND-ed "=" / "IN" conditions on the kept records, and keeping the resulting records so tests can assert the CRM's state.
 * A rejection rule makes chosen records fail with Salesforce's own error shape. Like Salesforce, it refuses a field a
 * type's describe does not have, or cannot set on that call (not createable on a create or an upsert that creates,
 * not updateable on an update or an upsert that matches), with INVALID_FIELD / INVALID_FIELD_FOR_INSERT_UPDATE: the
 * describe bodies are the demo org's ({@code /demo/describe/}, {@link DescribedFieldRules}); a type without one
 * (Account) is not checked.
 */
public final class FakeSalesforceWrites implements AutoCloseable {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            // keep 11044.30 as sent: the tests compare the CRM's figures with the ERP's to the written scale
            .disable(com.fasterxml.jackson.databind.cfg.JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES).build();
    private static final String UPSERT = "/services/data/v[0-9.]+/composite/sobjects/([A-Za-z0-9_]+)/([A-Za-z0-9_]+)";
    private static final String UPDATE = "/services/data/v[0-9.]+/composite/sobjects";
    private static final String QUERY = "/services/data/v[0-9.]+/query";

    /** type -> external id value (or Id) -> the record as last written. */
    public final Map<String, Map<String, ObjectNode>> records = new ConcurrentHashMap<>();
    /** Every record of every write call, in arrival order (type, body). */
    public final List<ObjectNode> writes = java.util.Collections.synchronizedList(new ArrayList<>());
    public final AtomicInteger calls = new AtomicInteger();
    /** Every SOQL query received, in arrival order. */
    public final List<String> queries = java.util.Collections.synchronizedList(new ArrayList<>());
    private volatile Predicate<ObjectNode> reject = r -> false;
    private final AtomicInteger lateAnswers = new AtomicInteger();
    private volatile int lateAnswerMillis;
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
        wm.stubFor(any(urlPathMatching(QUERY)).atPriority(10).willReturn(aResponse().withTransformers("sf-writes")));
        // describe as the demo org answers it (the runtime checks a mapping's writes against it); other types: 404
        for (Map.Entry<String, Map<String, Object>> d : io.cebridge.demo.DescribedFieldRules.describeBodies().entrySet()) {
            wm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathMatching(
                    "/services/data/v[0-9.]+/sobjects/" + d.getKey() + "/describe")).atPriority(5)
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                            .withBody(JSON.writeValueAsString(d.getValue()))));
        }
    }

    public String baseUrl() {
        return wm.baseUrl();
    }

    /** Records matching {@code rule} are answered with success=false and Salesforce's error for a bad value. */
    public void rejectWhen(Predicate<ObjectNode> rule) {
        this.reject = rule;
    }

    /**
     * The next {@code calls} write calls are applied at once but answered only after {@code millis}: Salesforce
     * committed, the client gave up waiting, so its retry must not create anything a second time.
     */
    public void delayAnswersOfNextWrites(int calls, int millis) {
        lateAnswerMillis = millis;
        lateAnswers.set(calls);
    }

    /** The WireMock server, for tests that put fault stubs in front of the fake (stubs with a priority below 10). */
    public WireMockServer server() {
        return wm;
    }

    /** How many CRM record Ids this fake has handed out; a retry that creates a record twice shows up here. */
    public int idsIssued() {
        return ids.get();
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
            if (path.matches(QUERY)) {
                return query(event.getRequest().queryParameter("q").firstValue());
            }
            boolean create = event.getRequest().getMethod().getName().equals("POST");
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
                    Map<String, ObjectNode> byKey = records.computeIfAbsent(type, t -> new ConcurrentHashMap<>());
                    ObjectNode existing = create ? null : byKey.get(rec.path(externalId).asText());
                    List<Map<String, Object>> refused = refusals(type, rec, create || m.matches() && existing == null);
                    if (!refused.isEmpty()) {
                        res.putNull("id");
                        res.put("success", false);
                        res.set("errors", JSON.valueToTree(refused));
                        continue;
                    }
                    if (create) {
                        String id = String.format("a0X%012d", ids.incrementAndGet());
                        records.computeIfAbsent(type, t -> new ConcurrentHashMap<>()).put(id, rec.put("Id", id));
                        res.put("id", id).put("success", true).put("created", true).putArray("errors");
                        continue;
                    }
                    String key = rec.path(externalId).asText();
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
                boolean late = lateAnswers.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
                return ok(out, late ? lateAnswerMillis : null);
            } catch (Exception e) {
                return new ResponseDefinition(500, e.toString());
            }
        }

        // What Salesforce refuses of the record's fields by the type's describe; Id is how an update names the record.
        private List<Map<String, Object>> refusals(String type, ObjectNode rec, boolean creating) {
            List<String> fields = new ArrayList<>();
            List<String> relationships = new ArrayList<>();
            rec.fieldNames().forEachRemaining(f -> {
                if (!f.equals("Id")) {
                    fields.add(f);
                    if (rec.get(f).isObject()) {
                        relationships.add(f);
                    }
                }
            });
            return DescribedFieldRules.refusals(type, fields, relationships, creating);
        }

        private ResponseDefinition ok(JsonNode out) throws Exception {
            return ok(out, null);
        }

        /** WireMock waits {@code delayMillis} after this transformer ran, so the records are kept before the answer. */
        private ResponseDefinition ok(JsonNode out, Integer delayMillis) throws Exception {
            return com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition().withStatus(200)
                    .withHeader("Content-Type", "application/json").withBody(JSON.writeValueAsString(out))
                    .withFixedDelay(delayMillis).build();
        }

        /** SOQL as the match write sends it: SELECT ... FROM T WHERE a = v AND b IN ('x','y'); whole records back. */
        private ResponseDefinition query(String soql) {
            try {
                queries.add(soql);
                java.util.regex.Matcher q = java.util.regex.Pattern.compile("SELECT .+ FROM (\\w+) WHERE (.+)").matcher(soql);
                if (!q.matches()) {
                    return new ResponseDefinition(400, "[{\"errorCode\":\"MALFORMED_QUERY\",\"message\":\"fake\"}]");
                }
                List<Predicate<ObjectNode>> conditions = new ArrayList<>();
                for (String c : q.group(2).split(" AND ")) {
                    java.util.regex.Matcher in = java.util.regex.Pattern.compile("(\\w+) IN \\((.*)\\)").matcher(c);
                    java.util.regex.Matcher eq = java.util.regex.Pattern.compile("(\\w+) = (.*)").matcher(c);
                    String field = in.matches() ? in.group(1) : eq.matches() ? eq.group(1) : null;
                    List<String> values = java.util.Arrays.stream((in.matches() ? in.group(2) : eq.group(2)).split(","))
                            .map(v -> v.trim().replaceAll("^'|'$", "")).toList();
                    conditions.add(r -> values.contains(r.path(field).asText()));
                }
                ArrayNode found = JSON.createArrayNode();
                of(q.group(1)).values().stream().filter(r -> conditions.stream().allMatch(c -> c.test(r)))
                        .forEach(r -> found.add(r.deepCopy()));
                ObjectNode out = JSON.createObjectNode().put("totalSize", found.size()).put("done", true);
                out.set("records", found);
                return ok(out);
            } catch (Exception e) {
                return new ResponseDefinition(500, e.toString());
            }
        }
    }
}
