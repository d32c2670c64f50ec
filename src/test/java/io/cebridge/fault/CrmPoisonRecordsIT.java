package io.cebridge.fault;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cebridge.flow.FlowStats;
import io.cebridge.flow.DeadLetters;
import io.cebridge.it.BridgeHarness;
import io.cebridge.it.LogCapture;
import io.cebridge.it.FakeSalesforceWrites;
import io.cebridge.it.TestErp;
import io.cebridge.store.DeadLetter;
import io.cebridge.store.StateStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// Guards: one poison CRM record (a number no field can hold, a field sent twice, bytes that are not UTF-8, an Id that is no Salesforce id) running the heap out, failing its page on every poll, letting the last duplicate win silently or forging log lines, instead of being dead-lettered with the reason while the rest of the page goes through.
class CrmPoisonRecordsIT {
    private static final String QUERY = "/services/data/v60.0/query";

    @TempDir
    Path tmp;

    @Test
    void aNumberThatCannotBeWrittenOutDeadLettersItsRecordNamingTheField() throws Exception {
        List<String> records = new ArrayList<>();
        records.add(account(1, "\"Clean Customer One\""));
        records.add(account(2, "1e999999999")); // a billion digits written out: toPlainString ran the heap out
        records.add(account(3, "1e2147483647")); // more digits than an array holds: NegativeArraySizeException
        records.add(account(4, "\"Clean Customer Four\""));
        try (TestErp erp = TestErp.create(TestErp.Kind.H2, tmp); FakeSalesforceWrites crm = new FakeSalesforceWrites()) {
            serve(crm, records);
            BridgeHarness h = new BridgeHarness(tmp.resolve("data"), crm.baseUrl(), "s3cret", erp);

            FlowStats.Counters run = h.runOnce();

            assertThat(run.read.get()).isEqualTo(4);
            assertThat(run.delivered.get()).isEqualTo(2);
            assertThat(run.deadLettered.get()).isEqualTo(2);
            assertThat(erpNames(erp)).containsOnly(Map.entry(id(1), "Clean Customer One"),
                    Map.entry(id(4), "Clean Customer Four"));
            try (StateStore store = StateStore.open(h.config(), 2)) {
                Map<String, DeadLetter> letters = store.deadLetters().list("customer-master", true).stream()
                        .collect(Collectors.toMap(DeadLetter::sourceId, d -> d));
                assertThat(letters).containsOnlyKeys(id(2), id(3));
                for (DeadLetter d : letters.values()) {
                    assertThat(d.reasonCode()).isEqualTo("UNREPRESENTABLE_NUMBER");
                    assertThat(d.reason()).startsWith("Name: the number 1E+").contains("digits written out");
                    // the record is kept as the CRM sent it, in its own notation, for `dlq retry` once it is corrected
                    assertThat(d.payload()).contains("\"Name\":1E+");
                }
            }
        }
    }

    @Test
    void duplicateFieldsAndIdsThatAreNoIdsDeadLetterTheirRecordAndForgeNoLogLine() throws Exception {
        String twice = account(2, "\"Acme\",\"Name\":\"Evil Corp\"");
        List<String> records = List.of(account(1, "\"Clean Customer One\""), twice,
                account(3, "\"Dots\"").replace(id(3), "../../services/oauth2/token"),
                account(4, "\"Quotes\"").replace(id(4), "001000000000004AAA' OR '1'='1"),
                account(5, "\"Forger\"").replace(id(5), "001000000000005AAA\\r\\n12:00:00.000 INFO  forged line"),
                account(6, "\"Clean Customer Six\""));
        try (TestErp erp = TestErp.create(TestErp.Kind.H2, tmp); FakeSalesforceWrites crm = new FakeSalesforceWrites();
             LogCapture log = LogCapture.of(DeadLetters.class)) {
            serve(crm, records);
            BridgeHarness h = new BridgeHarness(tmp.resolve("data"), crm.baseUrl(), "s3cret", erp);

            FlowStats.Counters run = h.runOnce();

            assertThat(run.delivered.get()).isEqualTo(2);
            assertThat(run.deadLettered.get()).isEqualTo(4);
            assertThat(erpNames(erp)).containsOnly(Map.entry(id(1), "Clean Customer One"),
                    Map.entry(id(6), "Clean Customer Six"));
            try (StateStore store = StateStore.open(h.config(), 2)) {
                List<DeadLetter> letters = store.deadLetters().list("customer-master", true);
                assertThat(letters).extracting(DeadLetter::reasonCode)
                        .containsExactlyInAnyOrder("DUPLICATE_FIELD", "INVALID_ID", "INVALID_ID", "INVALID_ID");
                DeadLetter dup = letters.stream().filter(d -> d.reasonCode().equals("DUPLICATE_FIELD")).findFirst().orElseThrow();
                assertThat(dup.sourceId()).isEqualTo(id(2));
                assertThat(dup.reason()).contains("Duplicate field 'Name'");
                assertThat(dup.payload()).as("kept as sent, both values").isEqualTo(twice);
                letters.stream().filter(d -> d.reasonCode().equals("INVALID_ID")).forEach(d -> {
                    assertThat(d.sourceId()).matches("invalid-id:[0-9a-f]{24}");
                    assertThat(d.reason()).contains("is not a Salesforce record id").doesNotContain("\r", "\n");
                });
            }
            assertThat(log.count("\n")).as("no log line carries a raw line break").isZero();
            assertThat(erpIds(erp)).allMatch(id -> id.matches("[A-Za-z0-9]{18}"));
        }
    }

    @Test
    void aPageBeyondJacksonsNestingLimitFailsItsCycleNamingTheLimitAndIsNotRetried() throws Exception {
        List<String> records = List.of(account(1, "\"Deep\",\"Description\":" + "[".repeat(10_000) + "]".repeat(10_000)));
        try (TestErp erp = TestErp.create(TestErp.Kind.H2, tmp); FakeSalesforceWrites crm = new FakeSalesforceWrites()) {
            serve(crm, records);
            BridgeHarness h = new BridgeHarness(tmp.resolve("data"), crm.baseUrl(), "s3cret", erp);

            assertThatThrownBy(h::runOnce).hasMessageContaining("beyond Jackson's limit")
                    .hasMessageContaining("StreamReadConstraints.getMaxNestingDepth()");
            // the same request gets the same answer: asked once, not through every redelivery
            crm.server().verify(1, getRequestedFor(urlPathEqualTo(QUERY)));
            assertThat(erpNames(erp)).isEmpty();
        }
    }

    @Test
    void bytesThatAreNotUtf8DeadLetterTheirRecordInsteadOfReachingTheErpAsReplacementCharacters() throws Exception {
        String page = "{\"totalSize\":3,\"done\":true,\"records\":[" + account(1, "\"Clean Customer One\"") + ","
                + account(2, "\"Caf@ Ltd\"") + "," + account(3, "\"北京 Customer Three\"") + "]}";
        byte[] bytes = page.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        // a Latin-1 é where UTF-8 was promised: 0xE9 followed by a space is no UTF-8 sequence
        bytes[page.substring(0, page.indexOf("Caf@") + 3).getBytes(java.nio.charset.StandardCharsets.UTF_8).length] = (byte) 0xE9;
        try (TestErp erp = TestErp.create(TestErp.Kind.H2, tmp); FakeSalesforceWrites crm = new FakeSalesforceWrites()) {
            crm.server().stubFor(get(urlPathEqualTo(QUERY)).withQueryParam("q", containing("FROM Account")).atPriority(1)
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json;charset=UTF-8")
                            .withBody(bytes)));
            BridgeHarness h = new BridgeHarness(tmp.resolve("data"), crm.baseUrl(), "s3cret", erp);

            FlowStats.Counters run = h.runOnce();

            assertThat(run.delivered.get()).isEqualTo(2);
            assertThat(erpNames(erp)).containsOnly(Map.entry(id(1), "Clean Customer One"),
                    Map.entry(id(3), "北京 Customer Three"));
            try (StateStore store = StateStore.open(h.config(), 2)) {
                assertThat(store.deadLetters().list("customer-master", true)).singleElement().satisfies(d -> {
                    assertThat(d.sourceId()).isEqualTo(id(2));
                    assertThat(d.reasonCode()).isEqualTo("INVALID_ENCODING");
                    assertThat(d.reason()).contains("not UTF-8");
                });
            }
        }
    }

    private static void serve(FakeSalesforceWrites crm, List<String> records) {
        crm.server().stubFor(get(urlPathEqualTo(QUERY)).withQueryParam("q", containing("FROM Account")).atPriority(1)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"totalSize\":" + records.size() + ",\"done\":true,\"records\":["
                                + String.join(",", records) + "]}")));
    }

    private static List<String> erpIds(TestErp erp) throws Exception {
        return new ArrayList<>(erpNames(erp).keySet());
    }

    private static String id(int i) {
        return String.format("001%012dAAA", i);
    }

    private static String account(int i, String name) {
        return "{\"attributes\":{\"type\":\"Account\"},\"Id\":\"" + id(i) + "\",\"Name\":" + name
                + ",\"USCC__c\":null,\"Phone\":null,\"BillingStreet\":null,\"BillingCity\":\"Shanghai\","
                + "\"BillingState\":null,\"BillingPostalCode\":null,\"BillingCountry\":\"China\",\"CurrencyIsoCode\":\"CNY\","
                + "\"ERP_Customer_No__c\":null,\"SystemModstamp\":\"2026-11-23T10:15:0" + i + ".000+0000\","
                + "\"LastModifiedById\":\"005000000000009AAA\"}";
    }

    private static Map<String, String> erpNames(TestErp erp) throws Exception {
        Map<String, String> out = new java.util.HashMap<>();
        try (Connection c = erp.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT crm_account_id, name FROM erp_customer WHERE crm_account_id IS NOT NULL")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }
}
