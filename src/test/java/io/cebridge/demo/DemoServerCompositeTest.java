package io.cebridge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DemoServerCompositeTest {

    private static final String PATH = "/services/data/v60.0/composite/sobjects";
    private static final String UNKNOWN_ID = "001000000000zzzAAA";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:15:30.000Z"));
    private final DemoAccountStore store = DemoAccountStore.empty(clock);
    private DemoSalesforceServer server;
    private DemoCrmClient client;
    private String first;
    private String second;

    @BeforeEach
    void start() {
        first = (String) store.create(Map.of("Name", "First")).get("Id");
        second = (String) store.create(Map.of("Name", "Second")).get("Id");
        clock.advance(Duration.ofSeconds(5));
        server = new DemoSalesforceServer(store, "id", "secret");
        server.start(0);
        client = new DemoCrmClient(server.loginUrl()).login("id", "secret");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static Map<String, Object> record(String id, String key, Object value) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("attributes", Map.of("type", "Account"));
        record.put("id", id);
        record.put(key, value);
        return record;
    }

    private DemoCrmClient.Response patch(boolean allOrNone, List<Map<String, Object>> records) {
        return client.patch(PATH, Map.of("allOrNone", allOrNone, "records", records));
    }

    @Test
    void successfulUpdatesBumpModstampAndStampTheIntegrationUser() {
        DemoCrmClient.Response response = patch(false, List.of(
                record(first, "ERP_Customer_No__c", "100001"), record(second, "ERP_Customer_No__c", "100002")));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json()).hasSize(2);
        assertThat(response.json().get(0).get("id").asText()).isEqualTo(first);
        assertThat(response.json().get(0).get("success").asBoolean()).isTrue();
        assertThat(response.json().get(0).get("errors")).isEmpty();
        assertThat(response.json().get(1).get("id").asText()).isEqualTo(second);
        assertThat(store.get(first).orElseThrow())
                .containsEntry("ERP_Customer_No__c", "100001")
                .containsEntry("SystemModstamp", "2026-11-23T10:15:35.000+0000")
                .containsEntry("LastModifiedDate", "2026-11-23T10:15:35.000+0000")
                .containsEntry("LastModifiedById", "005000000000002AAA");
    }

    @Test
    void unknownIdFailsOnlyItsOwnRecord() {
        DemoCrmClient.Response response = patch(false, List.of(
                record(first, "ERP_Customer_No__c", "100001"), record(UNKNOWN_ID, "ERP_Customer_No__c", "100009")));

        JsonNode failed = response.json().get(1);
        assertThat(response.json().get(0).get("success").asBoolean()).isTrue();
        assertThat(failed.get("id").asText()).isEqualTo(UNKNOWN_ID);
        assertThat(failed.get("success").asBoolean()).isFalse();
        assertThat(failed.get("errors").get(0).get("statusCode").asText()).isEqualTo("INVALID_CROSS_REFERENCE_KEY");
        assertThat(failed.get("errors").get(0).get("message").asText()).isEqualTo("invalid cross reference id");
        assertThat(store.get(first).orElseThrow()).containsEntry("ERP_Customer_No__c", "100001");
    }

    @Test
    void unknownAndReadOnlyFieldsAreReportedPerRecord() {
        DemoCrmClient.Response response = patch(false, List.of(
                record(first, "Foo__c", "x"), record(second, "SystemModstamp", "2030-01-01T00:00:00.000+0000")));

        JsonNode unknown = response.json().get(0).get("errors").get(0);
        assertThat(unknown.get("statusCode").asText()).isEqualTo("INVALID_FIELD");
        assertThat(unknown.get("message").asText()).contains("Foo__c");
        assertThat(unknown.get("fields").get(0).asText()).isEqualTo("Foo__c");
        JsonNode readOnly = response.json().get(1).get("errors").get(0);
        assertThat(readOnly.get("statusCode").asText()).isEqualTo("INVALID_FIELD_FOR_INSERT_UPDATE");
        assertThat(readOnly.get("fields").get(0).asText()).isEqualTo("SystemModstamp");
        assertThat(store.get(second).orElseThrow()).containsEntry("SystemModstamp", "2026-11-23T10:15:30.000+0000");
    }

    @Test
    void allOrNoneRollsBackEveryRecordWhenOneFails() {
        DemoCrmClient.Response response = patch(true, List.of(
                record(first, "ERP_Customer_No__c", "100001"), record(UNKNOWN_ID, "ERP_Customer_No__c", "100009"),
                record(second, "ERP_Customer_No__c", "100002")));

        assertThat(response.status()).isEqualTo(200);
        for (int i : new int[] {0, 2}) {
            JsonNode rolledBack = response.json().get(i);
            assertThat(rolledBack.get("success").asBoolean()).isFalse();
            assertThat(rolledBack.get("errors").get(0).get("statusCode").asText())
                    .isEqualTo("ALL_OR_NONE_OPERATION_ROLLED_BACK");
            assertThat(rolledBack.get("errors").get(0).get("message").asText()).isEqualTo("Record rolled back because"
                    + " not all records were valid and the request was using AllOrNone header");
        }
        assertThat(response.json().get(1).get("errors").get(0).get("statusCode").asText())
                .isEqualTo("INVALID_CROSS_REFERENCE_KEY");
        assertThat(store.get(first).orElseThrow()).containsEntry("ERP_Customer_No__c", null)
                .containsEntry("SystemModstamp", "2026-11-23T10:15:30.000+0000");
        assertThat(store.get(second).orElseThrow()).containsEntry("ERP_Customer_No__c", null);
    }

    @Test
    void allOrNoneWithoutFailuresWritesEverything() {
        DemoCrmClient.Response response = patch(true, List.of(
                record(first, "ERP_Customer_No__c", "1"), record(second, "ERP_Customer_No__c", "2")));

        assertThat(response.json()).allSatisfy(r -> assertThat(r.get("success").asBoolean()).isTrue());
        assertThat(store.get(second).orElseThrow()).containsEntry("ERP_Customer_No__c", "2");
    }

    @Test
    void moreThan200RecordsAreRejectedWhole() {
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < 201; i++) {
            records.add(record(first, "ERP_Customer_No__c", "100001"));
        }

        DemoCrmClient.Response response = patch(false, records);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get(0).get("errorCode").asText()).isEqualTo("EXCEEDED_ID_LIMIT");
        assertThat(store.get(first).orElseThrow()).containsEntry("ERP_Customer_No__c", null);
        assertThat(patch(false, records.subList(0, 200)).status()).isEqualTo(200);
    }

    @Test
    void missingAndMalformedIdsAreReported() {
        Map<String, Object> noId = new LinkedHashMap<>(Map.of("ERP_Customer_No__c", "1"));

        DemoCrmClient.Response response = patch(false, List.of(noId, record("bad", "Name", "x")));

        assertThat(response.json().get(0).get("errors").get(0).get("statusCode").asText()).isEqualTo("MISSING_ARGUMENT");
        assertThat(response.json().get(1).get("errors").get(0).get("statusCode").asText()).isEqualTo("MALFORMED_ID");
    }

    @Test
    void otherMethodsAndBadJsonAreRejected() {
        DemoCrmClient.Response post = client.post(PATH + "/Account/ERP_Customer_No__c", Map.of("records", List.of()));
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.json().get(0).get("errorCode").asText()).isEqualTo("METHOD_NOT_ALLOWED");

        DemoCrmClient.Response noRecords = client.patch(PATH, Map.of("allOrNone", false));
        assertThat(noRecords.status()).isEqualTo(400);
        assertThat(noRecords.json().get(0).get("errorCode").asText()).isEqualTo("JSON_PARSER_ERROR");
    }
}
