package io.cebridge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DemoServerQueryTest {

    private static final String BY_MODSTAMP =
            "SELECT Id, Name, SystemModstamp FROM Account ORDER BY SystemModstamp ASC, Id ASC";

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

    /** Creates accounts, moving the clock one millisecond after every {@code perMillisecond} records. */
    private void createAccounts(int count, int perMillisecond) {
        for (int i = 0; i < count; i++) {
            store.create(Map.of("Name", "Account " + i));
            if (i % perMillisecond == perMillisecond - 1) {
                clock.advance(Duration.ofMillis(1));
            }
        }
    }

    private List<JsonNode> readAll(DemoCrmClient.Response first, int batchSize, List<Integer> pageSizes) {
        List<JsonNode> records = new ArrayList<>();
        DemoCrmClient.Response page = first;
        while (true) {
            assertThat(page.status()).isEqualTo(200);
            page.json().get("records").forEach(records::add);
            pageSizes.add(page.json().get("records").size());
            if (page.json().get("done").asBoolean()) {
                assertThat(page.json().has("nextRecordsUrl")).isFalse();
                return records;
            }
            page = client.get(page.json().get("nextRecordsUrl").asText(), "batchSize=" + batchSize);
        }
    }

    @Test
    void pagesReturnEveryRecordOnceInModstampThenIdOrder() {
        createAccounts(4500, 7);
        List<Integer> pageSizes = new ArrayList<>();

        DemoCrmClient.Response first = client.query(BY_MODSTAMP, 2000);
        List<JsonNode> records = readAll(first, 2000, pageSizes);

        assertThat(first.json().get("totalSize").asInt()).isEqualTo(4500);
        assertThat(first.json().get("nextRecordsUrl").asText())
                .matches("/services/data/v60\\.0/query/01g[0-9A-Za-z]{15}-2000");
        assertThat(pageSizes).containsExactly(2000, 2000, 500);
        Set<String> ids = new HashSet<>();
        records.forEach(r -> ids.add(r.get("Id").asText()));
        assertThat(ids).hasSize(4500);
        List<String> keys = records.stream().map(r -> r.get("SystemModstamp").asText() + r.get("Id").asText()).toList();
        assertThat(keys).isSortedAccordingTo(Comparator.naturalOrder());
        // Several records share each millisecond, as in a real org under load.
        assertThat(records.stream().map(r -> r.get("SystemModstamp").asText()).distinct().count()).isLessThan(700);
    }

    @Test
    void recordsCarryAttributesAndOnlySelectedFieldsInSelectOrder() {
        createAccounts(1, 1);

        JsonNode record = client.query("SELECT Name, Id FROM Account").json().get("records").get(0);

        List<String> names = new ArrayList<>();
        record.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("attributes", "Name", "Id");
        assertThat(record.get("attributes").get("type").asText()).isEqualTo("Account");
        assertThat(record.get("attributes").get("url").asText())
                .isEqualTo("/services/data/v60.0/sobjects/Account/" + record.get("Id").asText());
    }

    @Test
    void singlePageResultIsDoneWithoutLocator() {
        createAccounts(3, 1);

        DemoCrmClient.Response response = client.query("SELECT Id FROM Account");

        assertThat(response.json().get("totalSize").asInt()).isEqualTo(3);
        assertThat(response.json().get("done").asBoolean()).isTrue();
        assertThat(response.json().has("nextRecordsUrl")).isFalse();
    }

    @Test
    void cursorIsASnapshotThatLaterUpdatesDoNotChange() {
        createAccounts(600, 3);
        DemoCrmClient.Response first = client.query(BY_MODSTAMP, 200);
        String movedId = first.json().get("records").get(10).get("Id").asText();
        String pageThreeId = store.all().get(450).get("Id").toString();
        String pageThreeStamp = store.all().get(450).get("SystemModstamp").toString();
        clock.advance(Duration.ofMinutes(1));

        store.update(movedId, Map.of("ERP_Customer_No__c", "100001"), "005000000000002AAA");
        store.update(pageThreeId, Map.of("ERP_Customer_No__c", "100002"), "005000000000002AAA");
        List<JsonNode> records = readAll(first, 200, new ArrayList<>());

        assertThat(records).hasSize(600);
        assertThat(records.stream().filter(r -> r.get("Id").asText().equals(movedId))).hasSize(1);
        assertThat(records.get(450).get("Id").asText()).isEqualTo(pageThreeId);
        assertThat(records.get(450).get("SystemModstamp").asText()).isEqualTo(pageThreeStamp);
        // A fresh query sees both updates at the end.
        List<JsonNode> fresh = readAll(client.query(BY_MODSTAMP, 2000), 2000, new ArrayList<>());
        assertThat(fresh.subList(598, 600)).extracting(r -> r.get("Id").asText()).containsExactly(movedId, pageThreeId);
    }

    @Test
    void whereSystemModstampFiltersIncrementally() {
        createAccounts(10, 2);
        String cutoff = "2026-11-23T10:15:30.003Z";

        DemoCrmClient.Response response = client.query(
                "SELECT Id, SystemModstamp FROM Account WHERE SystemModstamp >= " + cutoff + " ORDER BY SystemModstamp");

        assertThat(response.json().get("totalSize").asInt()).isEqualTo(4);
        response.json().get("records").forEach(r ->
                assertThat(r.get("SystemModstamp").asText()).isGreaterThanOrEqualTo("2026-11-23T10:15:30.003+0000"));
        assertThat(client.query("SELECT Id FROM Account WHERE SystemModstamp > 2026-11-23T10:15:30.003+0000")
                .json().get("totalSize").asInt()).isEqualTo(2);
    }

    @Test
    void unknownFieldIsInvalidField() {
        DemoCrmClient.Response response = client.query("SELECT Id, Foo__c FROM Account");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get(0).get("errorCode").asText()).isEqualTo("INVALID_FIELD");
        assertThat(response.json().get(0).get("message").asText())
                .contains("ERROR at Row:1:Column:12").contains("No such column 'Foo__c' on entity 'Account'");
    }

    @Test
    void malformedQueryIsRejected() {
        DemoCrmClient.Response response = client.query("SELECT Id FROM Account WHERE Name = 'a' OR Name = 'b'");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get(0).get("errorCode").asText()).isEqualTo("MALFORMED_QUERY");
    }

    @Test
    void unknownAndFullyReadLocatorsAreInvalid() {
        createAccounts(300, 1);
        DemoCrmClient.Response first = client.query("SELECT Id FROM Account", 200);
        String next = first.json().get("nextRecordsUrl").asText();
        assertThat(client.get(next).json().get("done").asBoolean()).isTrue();

        for (String locator : List.of(next, "/services/data/v60.0/query/01g000000000zzzAAA-200",
                "/services/data/v60.0/query/garbage")) {
            DemoCrmClient.Response response = client.get(locator);
            assertThat(response.status()).as(locator).isEqualTo(400);
            assertThat(response.json().get(0).get("errorCode").asText()).isEqualTo("INVALID_QUERY_LOCATOR");
            assertThat(response.json().get(0).get("message").asText()).isEqualTo("invalid query locator");
        }
    }

    @Test
    void batchSizeIsClampedAndDefaultsTo2000() {
        createAccounts(2500, 10);

        assertThat(client.query("SELECT Id FROM Account").json().get("records").size()).isEqualTo(2000);
        assertThat(client.query("SELECT Id FROM Account", 5).json().get("records").size()).isEqualTo(200);
        assertThat(client.query("SELECT Id FROM Account", 99999).json().get("records").size()).isEqualTo(2000);
        assertThat(client.query("SELECT Id FROM Account", 700).json().get("records").size()).isEqualTo(700);
    }

    @Test
    void limitCapsTotalSize() {
        createAccounts(50, 1);

        DemoCrmClient.Response response = client.query("SELECT Id FROM Account ORDER BY SystemModstamp DESC LIMIT 5");

        assertThat(response.json().get("totalSize").asInt()).isEqualTo(5);
        assertThat(response.json().get("done").asBoolean()).isTrue();
    }
}
