package io.cebridge.connector.crm.salesforce;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.cebridge.config.Secret;
import io.cebridge.connector.crm.SaveResult;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** sObject Collections upsert and create against WireMock: exact request bodies, per-record results, retries. */
class SalesforceUpsertTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UPSERT = "/services/data/v60.0/composite/sobjects/ERP_Invoice__c/ERP_Invoice_No__c";
    private static final String COLLECTIONS = "/services/data/v60.0/composite/sobjects";
    private WireMockServer wm;
    private SalesforceClient client;

    @BeforeEach
    void start() throws Exception {
        wm = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        wm.start();
        ObjectNode token = (ObjectNode) JSON.readTree(fixture("auth_success_response.json"));
        token.put("instance_url", wm.baseUrl());
        wm.stubFor(post("/services/oauth2/token").willReturn(json(200, token.toString())));
        client = new SalesforceClient(wm.baseUrl(), "id", new Secret("the-secret"), "60.0", Duration.ofSeconds(2), 2000, io.cebridge.connector.crm.salesforce.HostPolicy.localStandIn());
    }

    @AfterEach
    void stop() {
        wm.stop();
    }

    @Test
    void upsertSendsExactNumbersDatesAndRelationshipsToTheExternalIdPath() throws Exception {
        wm.stubFor(patch(urlEqualTo(UPSERT)).willReturn(json(200, fixture("collections_upsert_partial_response.json"))));
        client.upsert("ERP_Invoice__c", "ERP_Invoice_No__c", List.of(invoice("INV-1", "12345.60"),
                invoice("INV-2", "1E+5"), invoice("INV-3", "0.000001")), false);
        String expected = "{\"allOrNone\":false,\"records\":["
                + record("INV-1", "12345.60") + "," + record("INV-2", "100000") + "," + record("INV-3", "0.000001")
                + "]}";
        wm.verify(patchRequestedFor(urlEqualTo(UPSERT)).withRequestBody(equalTo(expected))
                .withHeader("Content-Type", equalTo("application/json")));
    }

    @Test
    void aRecordTheCrmRefusesIsReportedWithItsErrorWhileTheOthersLand() throws Exception {
        wm.stubFor(patch(urlEqualTo(UPSERT)).willReturn(json(200, fixture("collections_upsert_partial_response.json"))));
        List<SaveResult> res = client.upsert("ERP_Invoice__c", "ERP_Invoice_No__c", List.of(invoice("INV-1", "1"),
                invoice("INV-2", "2"), invoice("INV-3", "3")), false);
        assertThat(res).containsExactly(
                new SaveResult("a0B000000000001AAA", true, null, null, true),
                new SaveResult(null, false, "INVALID_FIELD", "Foreign key external ID: 0116 not found for field"
                        + " Invoice_External_Id__c in entity blng__Invoice__c", false),
                new SaveResult("a0B000000000003AAA", true, null, null, false));
    }

    // Guards: a rate-limited upsert slept on in the client, or repeated with another body.
    @Test
    void rateLimitedUpsertIsRetriableWithItsRetryAfterAndTheSameBodyLandsLater() throws Exception {
        wm.stubFor(patch(urlEqualTo(UPSERT)).inScenario("r").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(429, "[{\"message\":\"rate limited\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]")
                        .withHeader("Retry-After", "1")).willSetStateTo("2"));
        wm.stubFor(patch(urlEqualTo(UPSERT)).inScenario("r").whenScenarioStateIs("2")
                .willReturn(json(200, fixture("collections_upsert_partial_response.json"))));
        assertThatThrownBy(() -> client.upsert("ERP_Invoice__c", "ERP_Invoice_No__c", List.of(invoice("INV-1", "1")),
                true)).isInstanceOfSatisfying(io.cebridge.error.RetriableException.class,
                e -> assertThat(e.retryAfterMillis()).isEqualTo(1000));
        List<SaveResult> res = client.upsert("ERP_Invoice__c", "ERP_Invoice_No__c", List.of(invoice("INV-1", "1")), true);
        assertThat(res.get(0).created()).isTrue();
        wm.verify(2, patchRequestedFor(urlEqualTo(UPSERT)).withRequestBody(
                com.github.tomakehurst.wiremock.client.WireMock.containing("\"allOrNone\":true")));
    }

    @Test
    void anAnswerWithoutAResultListIsRetriableNotTakenAsNoResults() throws Exception {
        wm.stubFor(patch(urlEqualTo(UPSERT)).inScenario("o").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(200, "{}")).willSetStateTo("2"));
        wm.stubFor(patch(urlEqualTo(UPSERT)).inScenario("o").whenScenarioStateIs("2")
                .willReturn(json(200, fixture("collections_upsert_partial_response.json"))));
        assertThatThrownBy(() -> client.upsert("ERP_Invoice__c", "ERP_Invoice_No__c", List.of(invoice("INV-1", "1")),
                true)).isInstanceOf(io.cebridge.error.RetriableException.class);
        List<SaveResult> res = client.upsert("ERP_Invoice__c", "ERP_Invoice_No__c", List.of(invoice("INV-1", "1")), true);
        assertThat(res.get(0).success()).isTrue();
        wm.verify(2, patchRequestedFor(urlEqualTo(UPSERT)));
    }

    @Test
    void expiredSessionOnUpsertGetsOneNewTokenAndTheSameBodyAgain() throws Exception {
        wm.stubFor(patch(urlEqualTo(UPSERT)).inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(401, "[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]"))
                .willSetStateTo("renewed"));
        wm.stubFor(patch(urlEqualTo(UPSERT)).inScenario("s").whenScenarioStateIs("renewed")
                .willReturn(json(200, fixture("collections_upsert_partial_response.json"))));
        List<SaveResult> res = client.upsert("ERP_Invoice__c", "ERP_Invoice_No__c", List.of(invoice("INV-1", "9.90")),
                false);
        assertThat(res.get(0).success()).isTrue();
        wm.verify(2, postRequestedFor(urlEqualTo("/services/oauth2/token")));
        wm.verify(2, patchRequestedFor(urlEqualTo(UPSERT)).withRequestBody(
                com.github.tomakehurst.wiremock.client.WireMock.containing("\"Amount__c\":9.90")));
    }

    @Test
    void unknownExternalIdFieldFailsTheWholeCallWithSalesforcesText() throws Exception {
        wm.stubFor(patch(urlEqualTo("/services/data/v60.0/composite/sobjects/ERP_Invoice__c/Namez"))
                .willReturn(json(404, fixture("sobject_upsert_error_response.json"))));
        assertThatThrownBy(() -> client.upsert("ERP_Invoice__c", "Namez", List.of(invoice("INV-1", "1")), false))
                .isInstanceOf(SalesforceApiException.class).hasMessageContaining("NOT_FOUND")
                .hasMessageContaining("Namez");
    }

    @Test
    void namesThatCouldBendTheUrlAreRefusedBeforeAnyCall() {
        assertThatThrownBy(() -> client.upsert("ERP_Invoice__c", "../sobjects/Account", List.of(), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("external id field");
        assertThatThrownBy(() -> client.create("Account?x=1", List.of(), false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void createPostsToTheCollectionAndReturnsTheNewIdsInOrder() {
        wm.stubFor(post(urlEqualTo(COLLECTIONS)).willReturn(json(200,
                "[{\"id\":\"04w000000000001AAA\",\"success\":true,\"errors\":[]},"
                        + "{\"id\":\"04w000000000002AAA\",\"success\":true,\"errors\":[]}]")));
        List<SaveResult> res = client.create("DatedConversionRate", List.of(
                rate("CNY", "7.2310"), rate("EUR", "0.9210")), true);
        assertThat(res).extracting(SaveResult::id).containsExactly("04w000000000001AAA", "04w000000000002AAA");
        wm.verify(postRequestedFor(urlEqualTo(COLLECTIONS)).withRequestBody(equalTo("{\"allOrNone\":true,\"records\":["
                + "{\"attributes\":{\"type\":\"DatedConversionRate\"},\"IsoCode\":\"CNY\",\"StartDate\":\"2024-03-01\","
                + "\"ConversionRate\":7.2310},"
                + "{\"attributes\":{\"type\":\"DatedConversionRate\"},\"IsoCode\":\"EUR\",\"StartDate\":\"2024-03-01\","
                + "\"ConversionRate\":0.9210}]}")));
    }

    private static Map<String, Object> invoice(String no, String amount) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("ERP_Invoice_No__c", no);
        r.put("Amount__c", new BigDecimal(amount));
        r.put("Invoice_Date__c", LocalDate.of(2024, 3, 1));
        r.put("Account__r", Map.of("ERP_Customer_No__c", "100001"));
        r.put("Paid__c", null);
        return r;
    }

    private static String record(String no, String amount) {
        return "{\"attributes\":{\"type\":\"ERP_Invoice__c\"},\"ERP_Invoice_No__c\":\"" + no + "\",\"Amount__c\":"
                + amount + ",\"Invoice_Date__c\":\"2024-03-01\",\"Account__r\":{\"ERP_Customer_No__c\":\"100001\"},"
                + "\"Paid__c\":null}";
    }

    private static Map<String, Object> rate(String iso, String rate) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("IsoCode", iso);
        r.put("StartDate", LocalDate.of(2024, 3, 1));
        r.put("ConversionRate", new BigDecimal(rate));
        return r;
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static String fixture(String name) throws Exception {
        try (var in = SalesforceUpsertTest.class.getResourceAsStream("/salesforce/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
