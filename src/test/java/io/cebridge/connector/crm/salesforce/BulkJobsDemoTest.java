package io.cebridge.connector.crm.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cebridge.config.Secret;
import io.cebridge.demo.DemoAccountStore;
import io.cebridge.demo.DemoSalesforceServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Bulk API 2.0 client against the demo org's Bulk endpoints: query result sets by locator, ingest results by id. */
class BulkJobsDemoTest {
    private DemoAccountStore accounts;
    private DemoSalesforceServer crm;
    private SalesforceClient client;
    private final List<String> ids = new ArrayList<>();

    @BeforeEach
    void start() {
        accounts = DemoAccountStore.empty(Clock.systemUTC());
        for (int i = 0; i < 30; i++) {
            ids.add((String) accounts.create(Map.of("Name", "Bulk Customer " + i, "CurrencyIsoCode", "CNY",
                    "YTD_Sales__c", "1234.50")).get("Id"));
        }
        crm = new DemoSalesforceServer(accounts, "bulk-client", "bulk-secret");
        crm.start(0);
        client = new SalesforceClient(crm.loginUrl(), "bulk-client", new Secret("bulk-secret"), "60.0",
                Duration.ofSeconds(10), 2000, HostPolicy.localStandIn());
    }

    @AfterEach
    void stop() {
        crm.close();
    }

    @Test
    void aQueryJobGivesEveryRecordTypedAsRestDoes() {
        BulkQueryJob q = new BulkQueryJob(client);
        String job = q.start("SELECT Id, Name, YTD_Sales__c, SystemModstamp FROM Account ORDER BY SystemModstamp ASC, Id ASC");
        BulkQueryJob.ResultSet set = q.results(job, "Account", null);

        List<Map<String, Object>> records = set.next(1_000);

        assertThat(set.nextLocator()).isNull();
        assertThat(set.hasMore()).isFalse();
        assertThat(records).hasSize(30);
        assertThat(records).extracting(r -> r.get("Id")).containsExactlyElementsOf(ids);
        assertThat(records.get(0)).containsEntry("Name", "Bulk Customer 0")
                .containsEntry("YTD_Sales__c", new java.math.BigDecimal("1234.50"));
        assertThat((String) records.get(0).get("SystemModstamp")).endsWith("Z");
        assertThat(SalesforcePoller.normaliseStamp((String) records.get(0).get("SystemModstamp"))).endsWith("Z");
    }

    @Test
    void resultSetsArePagedBySforceLocatorAndMaxRecordsWithAHeaderLineEachAndLf() throws Exception {
        String job = new BulkQueryJob(client).start("SELECT Id, Name FROM Account ORDER BY Id ASC");
        HttpClient http = HttpClient.newHttpClient();
        String token = token(http);
        List<String> seen = new ArrayList<>();
        String locator = null;
        int calls = 0;
        do {
            String url = crm.loginUrl() + "/services/data/v60.0/jobs/query/" + job + "/results?maxRecords=7"
                    + (locator == null ? "" : "&locator=" + locator);
            HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(res.statusCode()).isEqualTo(200);
            assertThat(res.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/csv"));
            assertThat(res.body()).startsWith("Id,Name\n").doesNotContain("\r");
            List<Map<String, String>> rows = BulkCsv.read(res.body());
            assertThat(res.headers().firstValue("Sforce-NumberOfRecords")).hasValue(Integer.toString(rows.size()));
            rows.forEach(r -> seen.add(r.get("Id")));
            locator = res.headers().firstValue("Sforce-Locator").orElseThrow();
            calls++;
        } while (!locator.equals("null"));

        assertThat(calls).isEqualTo(5);
        assertThat(seen).containsExactlyElementsOf(ids);
        HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create(crm.loginUrl()
                + "/services/data/v60.0/jobs/query/" + job + "/results?locator=bm9wZQ"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("\"errorCode\":\"INVALIDLOCATOR\"");
    }

    @Test
    void aQueryTheOrgCannotRunIsRefusedAtCreate() {
        assertThatThrownBy(() -> new BulkQueryJob(client).start("SELECT Id, Nope__c FROM Account"))
                .isInstanceOf(SalesforceApiException.class).hasMessageContaining("Nope__c");
    }

    @Test
    void anIngestUpsertReportsWrittenRefusedAndUnknownRecordsByIdWhateverTheOrder() {
        crm.refuseBulkWrites(ids.get(3), "ERP number locked by finance");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            rows.add(row(ids.get(i), "C" + i));
        }
        rows.add(row("001000000000999AAA", "C999")); // no such account: an upsert by Id never creates it

        BulkIngestJob.Outcome out = client.upsertInBulk("Account", "Id", rows);

        assertThat(out.refused()).containsOnlyKeys(ids.get(3), "001000000000999AAA");
        assertThat(out.refused().get(ids.get(3))).startsWith("FIELD_CUSTOM_VALIDATION_EXCEPTION:ERP number locked by finance");
        assertThat(out.written()).hasSize(9).doesNotContain(ids.get(3));
        assertThat(out.unprocessed()).isEmpty();
        assertThat(accounts.get(ids.get(0)).orElseThrow()).containsEntry("ERP_Customer_No__c", "C0");
        assertThat(accounts.get(ids.get(3)).orElseThrow().get("ERP_Customer_No__c")).isNull();
        assertThat(crm.requestCount("/services/data/v60.0/jobs/ingest")).as("create, PUT, PATCH, polls and the failed"
                + " results; the counts make the successful list unnecessary").isGreaterThanOrEqualTo(5);
    }

    @Test
    void recordsAJobLeftUnprocessedAreReportedSoTheyAreSentAgain() {
        crm.stopNextBulkJobAfter(4);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            rows.add(row(ids.get(i), "C" + i));
        }
        BulkIngestJob.Outcome out = client.upsertInBulk("Account", "Id", rows);

        assertThat(out.written()).containsExactlyInAnyOrderElementsOf(ids.subList(0, 4));
        assertThat(out.unprocessed()).containsExactlyInAnyOrderElementsOf(ids.subList(4, 10));
        assertThat(out.refused()).isEmpty();
    }

    @Test
    void aColumnTheObjectDoesNotHaveFailsTheJobWithSalesforcesReason() {
        Map<String, Object> r = row(ids.get(0), "C0");
        r.put("Nope__c", "x");
        BulkIngestJob.Outcome out = client.upsertInBulk("Account", "Id", List.of(r));

        assertThat(out.jobError()).isEqualTo("InvalidBatch : Field name not found : Nope__c");
        assertThat(out.refused()).containsOnlyKeys(ids.get(0));
        assertThat(accounts.get(ids.get(0)).orElseThrow().get("ERP_Customer_No__c")).isNull();
    }

    @Test
    void aReadOnlyFieldIsRefusedPerRecordAsSObjectCollectionsRefuseIt() {
        Map<String, Object> r = row(ids.get(0), "C0");
        r.put("SystemModstamp", "2026-01-01T00:00:00.000Z");
        BulkIngestJob.Outcome out = client.upsertInBulk("Account", "Id", List.of(r));

        assertThat(out.refused().get(ids.get(0))).startsWith("INVALID_FIELD_FOR_INSERT_UPDATE:");
    }

    @Test
    void aMalformedUploadFailsTheJobAndAJobForAnObjectTheOrgLacksIsRefused() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String token = token(http);
        String jobs = crm.loginUrl() + "/services/data/v60.0/jobs/ingest";
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(jobs)).header("Authorization",
                "Bearer " + token).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                "{\"object\":\"Nope__c\",\"operation\":\"upsert\",\"externalIdFieldName\":\"Id\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("\"errorCode\":\"INVALIDJOB\"").contains("Invalid object: Nope__c");

        String job = BulkJobs.id(BulkJobs.json(client.bulkCall("POST", "/services/data/v60.0/jobs/ingest",
                "{\"object\":\"Account\",\"operation\":\"update\",\"lineEnding\":\"LF\"}", "application/json")));
        client.bulkCall("PUT", "/services/data/v60.0/jobs/ingest/" + job + "/batches",
                "Id,Name\n" + ids.get(0) + ",\"unclosed\n", "text/csv");
        client.bulkCall("PATCH", "/services/data/v60.0/jobs/ingest/" + job, "{\"state\":\"UploadComplete\"}",
                "application/json");
        var done = BulkJobs.awaitFinal(client, "/services/data/v60.0/jobs/ingest/" + job);
        assertThat(done.path("state").asText()).isEqualTo("Failed");
        assertThat(done.path("errorMessage").asText()).startsWith("InvalidBatch : Failed to parse CSV");
        assertThatThrownBy(() -> client.bulkCall("PUT", "/services/data/v60.0/jobs/ingest/" + job + "/batches",
                "Id,Name\n", "text/csv")).isInstanceOf(SalesforceApiException.class).hasMessageContaining("Open");
    }

    private static Map<String, Object> row(String id, String erpNo) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("Id", id);
        r.put("ERP_Customer_No__c", erpNo);
        return r;
    }

    private String token(HttpClient http) throws Exception {
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(crm.loginUrl() + "/services/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(
                        "grant_type=client_credentials&client_id=bulk-client&client_secret=bulk-secret")).build(),
                HttpResponse.BodyHandlers.ofString());
        return SObjectCollections.JSON.readTree(res.body()).get("access_token").asText();
    }
}
