package io.cebridge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DemoServerSObjectTest {

    private static final String ACCOUNTS = "/services/data/v60.0/sobjects/Account";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:15:30.000Z"));
    private final DemoAccountStore store = DemoAccountStore.empty(clock);
    private DemoSalesforceServer server;
    private DemoCrmClient client;

    @BeforeEach
    void start() {
        server = new DemoSalesforceServer(store, "id", "secret");
        server.start(0);
        client = new DemoCrmClient(server.loginUrl()).login("id", "secret");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void createReturns201WithTheNewId() {
        DemoCrmClient.Response response = client.post(ACCOUNTS, Map.of("Name", "华为技术有限公司",
                "USCC__c", "914403001922038216", "attributes", Map.of("type", "Account")));

        assertThat(response.status()).isEqualTo(201);
        String id = response.json().get("id").asText();
        assertThat(response.json().get("success").asBoolean()).isTrue();
        assertThat(response.json().get("errors")).isEmpty();
        assertThat(store.get(id).orElseThrow()).containsEntry("Name", "华为技术有限公司")
                .containsEntry("LastModifiedById", "005000000000002AAA");
    }

    @Test
    void createWithoutNameIsRequiredFieldMissing() {
        DemoCrmClient.Response response = client.post(ACCOUNTS, Map.of("Phone", "1"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get(0).get("errorCode").asText()).isEqualTo("REQUIRED_FIELD_MISSING");
        assertThat(store.size()).isZero();
    }

    @Test
    void getReturnsTheWholeRecordWithAttributes() {
        String id = (String) store.create(Map.of("Name", "Acme", "BillingCountry", "中国")).get("Id");

        DemoCrmClient.Response response = client.get(ACCOUNTS + "/" + id);

        assertThat(response.status()).isEqualTo(200);
        JsonNode json = response.json();
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        assertThat(names).startsWith("attributes", "Id", "Name").contains("SystemModstamp", "ERP_Customer_No__c");
        assertThat(json.get("BillingCountry").asText()).isEqualTo("中国");
        assertThat(json.get("ERP_Customer_No__c").isNull()).isTrue();
        assertThat(json.get("CreatedDate").asText()).isEqualTo("2026-11-23T10:15:30.000+0000");
        assertThat(client.get(ACCOUNTS + "/" + id + "?fields=Name").json().size()).isEqualTo(2);
    }

    @Test
    void getOfUnknownIdIsNotFound() {
        DemoCrmClient.Response response = client.get(ACCOUNTS + "/001000000000zzzAAA");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get(0).get("errorCode").asText()).isEqualTo("NOT_FOUND");
        assertThat(response.json().get(0).get("message").asText()).isEqualTo("The requested resource does not exist");
    }

    @Test
    void patchUpdatesAndReturns204() {
        String id = (String) store.create(Map.of("Name", "Acme")).get("Id");
        clock.advance(Duration.ofMillis(1));

        DemoCrmClient.Response response = client.patch(ACCOUNTS + "/" + id, Map.of("ERP_Customer_No__c", "100001"));

        assertThat(response.status()).isEqualTo(204);
        assertThat(response.json()).isNull();
        assertThat(store.get(id).orElseThrow()).containsEntry("ERP_Customer_No__c", "100001")
                .containsEntry("SystemModstamp", "2026-11-23T10:15:30.001+0000");
    }

    @Test
    void patchErrorsUseTheApiErrorShape() {
        String id = (String) store.create(Map.of("Name", "Acme")).get("Id");

        DemoCrmClient.Response unknownField = client.patch(ACCOUNTS + "/" + id, Map.of("Foo__c", "x"));
        DemoCrmClient.Response unknownId = client.patch(ACCOUNTS + "/001000000000zzzAAA", Map.of("Name", "x"));

        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.json().get(0).get("errorCode").asText()).isEqualTo("INVALID_FIELD");
        assertThat(unknownField.json().get(0).get("message").asText())
                .isEqualTo("No such column 'Foo__c' on sobject of type Account");
        assertThat(unknownId.status()).isEqualTo(404);
    }
}
