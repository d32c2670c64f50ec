package io.cebridge.connector.crm.salesforce;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.cebridge.config.Secret;
import io.cebridge.connector.crm.SaveResult;
import io.cebridge.error.RetriableException;
import io.cebridge.error.SystemFailureException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Salesforce connector against WireMock stubs built from real Salesforce bodies (restforce fixtures). */
class SalesforceClientTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private WireMockServer wm;
    private SalesforceClient client;

    @BeforeEach
    void start() throws Exception {
        wm = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        wm.start();
        ObjectNode token = (ObjectNode) JSON.readTree(fixture("auth_success_response.json"));
        token.put("instance_url", wm.baseUrl());
        wm.stubFor(post("/services/oauth2/token").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(token.toString())));
        client = new SalesforceClient(wm.baseUrl(), "id", new Secret("the-secret"), "60.0", Duration.ofSeconds(2), 2000, io.cebridge.connector.crm.salesforce.HostPolicy.localStandIn());
    }

    @AfterEach
    void stop() {
        wm.stop();
    }

    @Test
    void followsNextRecordsUrlAndDropsAttributes() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/services/data/v60.0/query")).willReturn(json(200,
                fixture("sobject_query_paginated_first_page_response.json"))));
        wm.stubFor(get("/services/data/v26.0/query/01gD").willReturn(json(200,
                fixture("sobject_query_paginated_last_page_response.json"))));
        QueryPage first = client.query("SELECT Text_Label FROM Whizbang");
        assertThat(first.done()).isFalse();
        assertThat(first.records()).containsExactly(Map.of("Text_Label", "First Page"));
        QueryPage last = client.queryMore(first.nextRecordsUrl());
        assertThat(last.done()).isTrue();
        assertThat(last.nextRecordsUrl()).isNull();
        assertThat(last.records()).containsExactly(Map.of("Text_Label", "Last Page"));
        wm.verify(getRequestedFor(urlPathEqualTo("/services/data/v60.0/query"))
                .withHeader("Authorization", matching("Bearer 00Dx0000000BV7z!.*"))
                .withHeader("Sforce-Query-Options", equalTo("batchSize=2000")));
        wm.verify(postRequestedFor(urlEqualTo("/services/oauth2/token"))
                .withRequestBody(matching(".*grant_type=client_credentials.*client_secret=the-secret.*")));
    }

    @Test
    void expiredSessionGetsOneNewTokenAndTheCallIsRepeated() {
        wm.stubFor(get(urlPathEqualTo("/services/data/v60.0/query")).inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(401, "[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]"))
                .willSetStateTo("renewed"));
        wm.stubFor(get(urlPathEqualTo("/services/data/v60.0/query")).inScenario("s").whenScenarioStateIs("renewed")
                .willReturn(json(200, "{\"totalSize\":0,\"done\":true,\"records\":[]}")));
        assertThat(client.query("SELECT Id FROM Account").records()).isEmpty();
        wm.verify(2, postRequestedFor(urlEqualTo("/services/oauth2/token")));
    }

    // Guards: a page answered 200 with an empty body or without a records list read as the end of the results.
    @Test
    void aPageWithoutRecordsIsRetriableNotReadAsEmpty() {
        for (String broken : List.of("", "{}")) {
            String url = "/services/data/v26.0/query/01gD-" + broken.length();
            wm.stubFor(get(url).willReturn(json(200, broken)));
            assertThatThrownBy(() -> client.queryMore(url)).isInstanceOf(RetriableException.class);
            wm.verify(1, getRequestedFor(urlEqualTo(url)));
        }
    }

    // Guards: a rate limit or busy answer retried by sleeping in the client, or its Retry-After lost on the way to the route.
    @Test
    void rateLimitAndBusyAnswersAreRetriableCarryingRetryAfterAndNotRetriedHere() {
        wm.stubFor(get(urlPathEqualTo("/services/data/v60.0/query")).inScenario("r").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(503, "[{\"message\":\"busy\",\"errorCode\":\"SERVER_UNAVAILABLE\"}]")).willSetStateTo("2"));
        wm.stubFor(get(urlPathEqualTo("/services/data/v60.0/query")).inScenario("r").whenScenarioStateIs("2")
                .willReturn(json(403, "[{\"message\":\"TotalRequests Limit exceeded.\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]")
                        .withHeader("Retry-After", "7")).willSetStateTo("3"));
        wm.stubFor(get(urlPathEqualTo("/services/data/v60.0/query")).inScenario("r").whenScenarioStateIs("3")
                .willReturn(json(200, "{\"totalSize\":0,\"done\":true,\"records\":[]}")));
        assertThatThrownBy(() -> client.query("SELECT Id FROM Account")).isInstanceOfSatisfying(RetriableException.class,
                e -> assertThat(e.retryAfterMillis()).isZero());
        assertThatThrownBy(() -> client.query("SELECT Id FROM Account")).isInstanceOfSatisfying(RetriableException.class,
                e -> assertThat(e.retryAfterMillis()).isEqualTo(7000));
        assertThat(client.query("SELECT Id FROM Account").done()).isTrue();
        wm.verify(3, getRequestedFor(urlPathEqualTo("/services/data/v60.0/query")));
    }

    @Test
    void connectionResetsSurfaceAsRetriable() {
        wm.stubFor(get(urlPathEqualTo("/services/data/v60.0/query"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        assertThatThrownBy(() -> client.query("SELECT Id FROM Account")).isInstanceOf(RetriableException.class)
                .hasMessageContaining("not reachable");
        // (the JDK's HTTP client itself repeats an idempotent GET once on a reset; nothing here waits and retries)
    }

    @Test
    void queryErrorsKeepSalesforcesCodeAndMessage() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/services/data/v60.0/query")).willReturn(json(400,
                fixture("sobject_query_error_response.json"))));
        assertThatThrownBy(() -> client.query("SELECT Foo FROM Account")).isInstanceOf(SalesforceApiException.class)
                .hasMessageContaining("INVALID_FIELD").hasMessageContaining("error_message");
    }

    @Test
    void badClientCredentialsStopWithAMessageThatNamesTheKeysNotTheSecret() throws Exception {
        wm.stubFor(post("/services/oauth2/token").willReturn(json(400, fixture("auth_error_response.json"))));
        assertThatThrownBy(() -> client.query("SELECT Id FROM Account")).isInstanceOf(SystemFailureException.class)
                .hasMessageContaining("invalid_grant").hasMessageContaining("bridge.crm.salesforce.client-secret")
                .hasMessageNotContaining("the-secret");
    }

    @Test
    void collectionUpdateReportsEachRecord() {
        wm.stubFor(patch(urlEqualTo("/services/data/v60.0/composite/sobjects")).willReturn(json(200,
                "[{\"id\":\"001A\",\"success\":true,\"errors\":[]},{\"success\":false,\"errors\":[{\"statusCode\":"
                        + "\"ENTITY_IS_DELETED\",\"message\":\"entity is deleted\",\"fields\":[]}]}]")));
        List<SaveResult> res = client.update("Account", List.of(Map.of("Id", "001A", "ERP_Customer_No__c", "100001"),
                Map.of("Id", "001B", "ERP_Customer_No__c", "100002")), false);
        assertThat(res).extracting(SaveResult::success).containsExactly(true, false);
        assertThat(res.get(1).errorCode()).isEqualTo("ENTITY_IS_DELETED");
        wm.verify(com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor(
                urlEqualTo("/services/data/v60.0/composite/sobjects"))
                .withRequestBody(matching(".*\"allOrNone\":false.*"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("\"id\":\"001A\""))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("{\"type\":\"Account\"}")));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static String fixture(String name) throws Exception {
        try (var in = SalesforceClientTest.class.getResourceAsStream("/salesforce/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
