package io.cebridge.fault;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.cebridge.config.Secret;
import io.cebridge.connector.crm.RecordProblem;
import io.cebridge.connector.crm.salesforce.CrmAnswerException;
import io.cebridge.connector.crm.salesforce.HostPolicy;
import io.cebridge.connector.crm.salesforce.QueryPage;
import io.cebridge.connector.crm.salesforce.SalesforceClient;
import io.cebridge.error.RetriableException;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

// Guards: a hostile Salesforce query answer (src/test/resources/hostile/crm-answers.json) costing more than its own record, being retried when it never can be read, or passing a poison record on unmarked.
class CrmAnswerCorpusIT {
    private static final String CORPUS = "/hostile/crm-answers.json";
    private static WireMockServer wm;
    private static SalesforceClient client;

    @BeforeAll
    static void start() {
        wm = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        wm.start();
        wm.stubFor(post("/services/oauth2/token").willReturn(aResponse().withStatus(200).withHeader("Content-Type",
                "application/json").withBody("{\"access_token\":\"tok\",\"instance_url\":\"" + wm.baseUrl() + "\"}")));
        client = new SalesforceClient(wm.baseUrl(), "id", new Secret("the-secret"), "60.0", Duration.ofSeconds(20), 2000,
                HostPolicy.localStandIn());
    }

    @AfterAll
    static void stop() {
        wm.stop();
    }

    static Stream<Arguments> cases() throws Exception {
        JsonNode corpus;
        try (InputStream in = CrmAnswerCorpusIT.class.getResourceAsStream(CORPUS)) {
            corpus = new ObjectMapper().readTree(in);
        }
        List<Arguments> out = new ArrayList<>();
        int i = 0;
        for (JsonNode c : corpus.get("entries")) {
            out.add(Arguments.of(i++, c.get("description").asText(), c));
        }
        return out.stream();
    }

    /** The answer's bytes: its parts concatenated (text as UTF-8, {repeat, times}, {hex}, {repeatHex, times}). */
    static byte[] answer(JsonNode parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (JsonNode p : parts) {
            if (p.isTextual()) {
                out.writeBytes(p.asText().getBytes(StandardCharsets.UTF_8));
            } else if (p.has("repeat")) {
                out.writeBytes(p.get("repeat").asText().repeat(p.get("times").asInt()).getBytes(StandardCharsets.UTF_8));
            } else if (p.has("hex")) {
                out.writeBytes(HexFormat.of().parseHex(p.get("hex").asText()));
            } else {
                out.writeBytes(HexFormat.of().parseHex(p.get("repeatHex").asText().repeat(p.get("times").asInt())));
            }
        }
        return out.toByteArray();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void eachAnswerHasItsExpectedOutcome(int index, String description, JsonNode c) {
        String soql = "SELECT Id FROM Account WHERE Case__c = " + index;
        wm.stubFor(get(urlPathEqualTo("/services/data/v60.0/query")).withQueryParam("q", equalTo(soql))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(answer(c.get("answer")))));
        JsonNode expect = c.get("expect");
        String outcome = expect.get("outcome").asText();
        if (outcome.equals("read")) {
            QueryPage page = client.query(soql);
            assertThat(page.records()).hasSize(expect.get("records").asInt());
            Map<String, Integer> dead = new TreeMap<>();
            for (Map<String, Object> r : page.records()) {
                RecordProblem p = RecordProblem.of(r);
                if (p != null) {
                    dead.merge(p.code(), 1, Integer::sum);
                    assertThat(p.reason()).doesNotContain("\r").doesNotContain("\n");
                }
            }
            Map<String, Integer> expected = new TreeMap<>();
            expect.get("deadLettered").fields().forEachRemaining(e -> expected.put(e.getKey(), e.getValue().asInt()));
            assertThat(dead).isEqualTo(expected);
            return;
        }
        Throwable t = catchThrowable(() -> client.query(soql));
        assertThat(t).isInstanceOf(outcome.equals("fail-cycle") ? CrmAnswerException.class : RetriableException.class);
        String said = t.getMessage() + (t.getCause() == null ? "" : " " + t.getCause().getMessage());
        assertThat(said).contains(expect.get("reason").asText());
    }
}
