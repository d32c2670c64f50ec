package io.cebridge.fault;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.cebridge.it.BridgeHarness;
import io.cebridge.it.FakeSalesforceWrites;
import io.cebridge.it.TestErp;
import io.cebridge.flow.FlowStats;
import io.cebridge.store.DeadLetter;
import io.cebridge.store.StateStore;
import io.cebridge.store.XrefEntry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

// Guards: transient CRM faults (5xx storms, 429, token expiry mid-paging, empty or truncated pages, slow answers, resets, writes applied but answered late) losing, doubling or dead-lettering records.
class CrmFaultsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUERY = "/services/data/v60.0/query";
    // nextRecordsUrl locators shaped like Salesforce's (query id, then the offset of the page)
    private static final String PAGE_2 = QUERY + "/01gD0000002HU6KAAW-3";
    private static final String PAGE_3 = QUERY + "/01gD0000002HU6KAAW-6";
    private static final int ACCOUNTS = 9;
    private static final int TIMEOUT_MS = 2000;
    private static final String UNAVAILABLE = "[{\"errorCode\":\"SERVER_UNAVAILABLE\",\"message\":\"Service Unavailable\"}]";

    @TempDir
    Path tmp;

    enum ReadFault { SERVICE_UNAVAILABLE_STORM, TOO_MANY_REQUESTS, SESSION_EXPIRED, EMPTY_BODY, TRUNCATED_JSON, SLOW_ANSWER }

    enum WriteFault { APPLIED_BUT_ANSWERED_AFTER_TIMEOUT, CONNECTION_RESET, SERVICE_UNAVAILABLE_STORM }

    @ParameterizedTest
    @EnumSource(ReadFault.class)
    void aTransientFaultOnAQueryPageDeliversEveryAccountOnce(ReadFault fault) throws Exception {
        List<ObjectNode> accounts = accounts();
        try (TestErp erp = TestErp.create(TestErp.Kind.H2, tmp); FakeSalesforceWrites crm = new FakeSalesforceWrites()) {
            WireMockServer wm = crm.server();
            wm.stubFor(get(urlPathEqualTo(QUERY)).withQueryParam("q", containing("FROM Account")).atPriority(1)
                    .willReturn(page(accounts, 0, PAGE_2)));
            sequence(wm, PAGE_2, faults(fault), page(accounts, 3, PAGE_3));
            wm.stubFor(get(urlEqualTo(PAGE_3)).atPriority(1).willReturn(page(accounts, 6, null)));

            BridgeHarness h = harness(erp, crm);
            FlowStats.Counters run = h.runOnce();

            assertThat(run.read.get()).isEqualTo(ACCOUNTS);
            assertThat(run.delivered.get()).isEqualTo(ACCOUNTS);
            assertThat(run.deadLettered.get()).isZero();
            // the fault really happened and the page was asked for again
            wm.verify(faults(fault).size() + 1, getRequestedFor(urlEqualTo(PAGE_2)));
            Map<String, String> erpNos = erpCustomerNumbers(erp);
            List<String> ids = accounts.stream().map(a -> a.get("Id").asText()).toList();
            assertThat(erpNos.keySet()).containsExactlyInAnyOrderElementsOf(ids);
            // one write-back per account, carrying the number of the ERP row that holds it
            List<ObjectNode> writeBacks = crm.writes.stream().filter(w -> w.path("__type").asText().equals("Account"))
                    .toList();
            assertThat(writeBacks).extracting(w -> w.get("Id").asText()).containsExactlyInAnyOrderElementsOf(ids);
            writeBacks.forEach(w -> assertThat(w.get("ERP_Customer_No__c").asText())
                    .isEqualTo(erpNos.get(w.get("Id").asText())));
            try (StateStore store = StateStore.open(h.config(), 2)) {
                assertThat(store.deadLetters().list("customer-master", true)).isEmpty();
                assertThat(store.watermarks().get("customer-master")).get()
                        .satisfies(w -> assertThat(w.tieId()).isEqualTo(ids.get(ACCOUNTS - 1)));
            }
            if (fault == ReadFault.SESSION_EXPIRED) {
                assertThat(tokenCallsBetweenTheTwoPage2Calls(wm)).as("one re-login").isEqualTo(1);
            }
            if (fault == ReadFault.TOO_MANY_REQUESTS) {
                assertThat(millisBetweenTheTwoPage2Calls(wm)).as("Retry-After honoured").isGreaterThanOrEqualTo(1000);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(WriteFault.class)
    void aTransientFaultOnACrmWriteDeliversEveryDocumentOnce(WriteFault fault) throws Exception {
        try (TestErp erp = TestErp.create(TestErp.Kind.H2, tmp, true); FakeSalesforceWrites crm = new FakeSalesforceWrites()) {
            List<String> customers = firstColumn(erp, "SELECT customer_no FROM erp_sales_order GROUP BY customer_no"
                    + " ORDER BY COUNT(*) DESC, customer_no");
            String linked = customers.get(0) + ", " + customers.get(1);
            BridgeHarness h = harness(erp, crm);
            h.overrides.put("bridge.flows.customer-master.enabled", "false");
            h.overrides.put("bridge.flows.order-invoice-history.enabled", "true");
            try (StateStore store = StateStore.open(h.config(), 2)) {
                store.xref().upsert("customer", List.of(
                        new XrefEntry("001000000000001AAA", customers.get(0), "2026-01-01T00:00:00.000Z"),
                        new XrefEntry("001000000000002AAA", customers.get(1), "2026-01-01T00:00:00.000Z")));
            }
            switch (fault) {
                // Salesforce keeps the records, the client has given up by the time the answer comes
                case APPLIED_BUT_ANSWERED_AFTER_TIMEOUT -> crm.delayAnswersOfNextWrites(2, TIMEOUT_MS + 1000);
                case CONNECTION_RESET -> sequenceWrites(crm.server(),
                        List.of(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
                case SERVICE_UNAVAILABLE_STORM -> sequenceWrites(crm.server(), List.of(unavailable(), unavailable(),
                        unavailable(), unavailable()));
            }

            h.runOnce();

            Map<String, Set<String>> expected = Map.of(
                    "ERP_Sales_Order__c", keys(erp, "SELECT order_no FROM erp_sales_order WHERE customer_no IN (" + linked + ")"),
                    "ERP_Sales_Order_Line__c", keys(erp, "SELECT l.order_no, l.line_no FROM erp_sales_order_line l"
                            + " JOIN erp_sales_order o ON o.order_no = l.order_no WHERE o.customer_no IN (" + linked + ")"),
                    "ERP_Invoice__c", keys(erp, "SELECT invoice_no FROM erp_invoice WHERE customer_no IN (" + linked + ")"),
                    "ERP_Invoice_Line__c", keys(erp, "SELECT l.invoice_no, l.line_no FROM erp_invoice_line l"
                            + " JOIN erp_invoice i ON i.invoice_no = l.invoice_no WHERE i.customer_no IN (" + linked + ")"));
            int total = 0;
            for (Map.Entry<String, Set<String>> e : expected.entrySet()) {
                assertThat(e.getValue()).as(e.getKey() + " in the seeded ERP").isNotEmpty();
                assertThat(crm.of(e.getKey()).keySet()).as(e.getKey()).containsExactlyInAnyOrderElementsOf(e.getValue());
                total += e.getValue().size();
            }
            // every record got one CRM Id, kept across the retry: a second create would have issued another
            assertThat(crm.idsIssued()).isEqualTo(total);
            assertThat(crm.records.values().stream().flatMap(m -> m.values().stream()).map(r -> r.get("Id").asText())
                    .distinct().count()).isEqualTo(total);
            // the faulted call was really sent again (the late answer's records were applied, then resent)
            assertThat(crm.writes.size()).isGreaterThan(fault == WriteFault.APPLIED_BUT_ANSWERED_AFTER_TIMEOUT ? total : 0);
            try (StateStore store = StateStore.open(h.config(), 2)) {
                // documents of customers not linked wait for their link; nothing else is a dead letter
                assertThat(store.deadLetters().list("order-invoice-history", true))
                        .extracting(DeadLetter::reasonCode).containsOnly("CUSTOMER_NOT_LINKED");
            }
        }
    }

    /**
     * Retries are explicit so that the faults fit inside them: 6 retries outlast the storm of four 503s, short
     * delays keep the test quick, and a timeout of 2 s lets normal answers through on a busy 2-core machine while a
     * 3 s delay still times out.
     */
    private BridgeHarness harness(TestErp erp, FakeSalesforceWrites crm) {
        BridgeHarness h = new BridgeHarness(tmp.resolve("data"), crm.baseUrl(), "s3cret", erp);
        h.overrides.put("bridge.retry.max-attempts", "6");
        h.overrides.put("bridge.retry.initial-delay", "50ms");
        h.overrides.put("bridge.retry.max-delay", "200ms");
        h.overrides.put("bridge.crm.salesforce.timeout", TIMEOUT_MS + "ms");
        return h;
    }

    private static List<ResponseDefinitionBuilder> faults(ReadFault fault) {
        return switch (fault) {
            case SERVICE_UNAVAILABLE_STORM -> List.of(unavailable(), unavailable(), unavailable(), unavailable());
            case TOO_MANY_REQUESTS -> List.of(json(429, "[{\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\",\"message\":"
                    + "\"TotalRequests Limit exceeded.\"}]").withHeader("Retry-After", "1"));
            case SESSION_EXPIRED -> List.of(json(401,
                    "[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]"));
            case EMPTY_BODY -> List.of(json(200, ""));
            case TRUNCATED_JSON -> List.of(json(200, "{\"totalSize\":9,\"done\":false,\"nextRecordsUrl\":\"" + PAGE_3
                    + "\",\"records\":[{\"attributes\":{\"type\":\"Account\""));
            case SLOW_ANSWER -> List.of(json(200, "{\"totalSize\":9,\"done\":true,\"records\":[]}")
                    .withFixedDelay(TIMEOUT_MS + 1000));
        };
    }

    /** Accounts shaped like a SOQL result of the flow's fields, three per page, stamps rising with the Id. */
    private static List<ObjectNode> accounts() {
        List<ObjectNode> out = new ArrayList<>();
        for (int i = 1; i <= ACCOUNTS; i++) {
            String id = String.format("001%012dAAA", i);
            ObjectNode a = JSON.createObjectNode();
            a.putObject("attributes").put("type", "Account").put("url", "/services/data/v60.0/sobjects/Account/" + id);
            a.put("Id", id).put("Name", "Fault Tolerant Customer " + i).putNull("USCC__c").putNull("Phone")
                    .putNull("BillingStreet").put("BillingCity", "Shanghai").putNull("BillingState")
                    .putNull("BillingPostalCode").put("BillingCountry", "China").put("CurrencyIsoCode", "CNY")
                    .putNull("ERP_Customer_No__c").put("SystemModstamp", String.format("2026-11-23T10:15:%02d.000+0000", i))
                    .put("LastModifiedById", "005000000000009AAA");
            out.add(a);
        }
        return out;
    }

    private static ResponseDefinitionBuilder page(List<ObjectNode> accounts, int from, String next) {
        ObjectNode p = JSON.createObjectNode().put("totalSize", accounts.size()).put("done", next == null);
        if (next != null) {
            p.put("nextRecordsUrl", next);
        }
        ArrayNode records = p.putArray("records");
        accounts.subList(from, from + 3).forEach(records::add);
        return json(200, p.toString());
    }

    /** The faults first, one per call, then the real answer for every later call. */
    private static void sequence(WireMockServer wm, String url, List<ResponseDefinitionBuilder> faults,
                                 ResponseDefinitionBuilder then) {
        String state = Scenario.STARTED;
        for (int i = 0; i < faults.size(); i++) {
            String next = "fault " + (i + 1) + " served";
            wm.stubFor(get(urlEqualTo(url)).atPriority(1).inScenario(url).whenScenarioStateIs(state)
                    .willReturn(faults.get(i)).willSetStateTo(next));
            state = next;
        }
        wm.stubFor(get(urlEqualTo(url)).atPriority(1).inScenario(url).whenScenarioStateIs(state).willReturn(then));
    }

    /** The first write calls get the faults; afterwards no stub of the scenario matches and the fake answers. */
    private static void sequenceWrites(WireMockServer wm, List<ResponseDefinitionBuilder> faults) {
        String state = Scenario.STARTED;
        for (int i = 0; i < faults.size(); i++) {
            String next = "fault " + (i + 1) + " served";
            wm.stubFor(any(urlPathMatching("/services/data/v[0-9.]+/composite/sobjects(/.*)?")).atPriority(1)
                    .inScenario("writes").whenScenarioStateIs(state).willReturn(faults.get(i)).willSetStateTo(next));
            state = next;
        }
    }

    private static ResponseDefinitionBuilder unavailable() {
        return json(503, UNAVAILABLE);
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static List<ServeEvent> inOrder(WireMockServer wm) {
        List<ServeEvent> events = new ArrayList<>(wm.getAllServeEvents());
        events.sort(Comparator.comparing(e -> e.getRequest().getLoggedDate()));
        return events;
    }

    private static List<Integer> page2Calls(List<ServeEvent> events) {
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).getRequest().getUrl().equals(PAGE_2)) {
                at.add(i);
            }
        }
        assertThat(at).hasSize(2);
        return at;
    }

    private static long tokenCallsBetweenTheTwoPage2Calls(WireMockServer wm) {
        List<ServeEvent> events = inOrder(wm);
        List<Integer> at = page2Calls(events);
        return events.subList(at.get(0), at.get(1)).stream()
                .filter(e -> e.getRequest().getUrl().equals("/services/oauth2/token")).count();
    }

    private static long millisBetweenTheTwoPage2Calls(WireMockServer wm) {
        List<ServeEvent> events = inOrder(wm);
        List<Integer> at = page2Calls(events);
        return events.get(at.get(1)).getRequest().getLoggedDate().getTime()
                - events.get(at.get(0)).getRequest().getLoggedDate().getTime();
    }

    private static Map<String, String> erpCustomerNumbers(TestErp erp) throws Exception {
        Map<String, String> out = new HashMap<>();
        try (Connection c = erp.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT crm_account_id, customer_no FROM erp_customer")) {
            while (rs.next()) {
                assertThat(out.put(rs.getString(1), rs.getString(2))).as("one ERP row per account").isNull();
            }
        }
        return out;
    }

    private static List<String> firstColumn(TestErp erp, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = erp.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** External ids as the mappings build them: the document number, or number/line for a line. */
    private static Set<String> keys(TestErp erp, String sql) throws Exception {
        Set<String> out = new HashSet<>();
        try (Connection c = erp.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getMetaData().getColumnCount() == 1 ? rs.getString(1) : rs.getString(1) + "/" + rs.getString(2));
            }
        }
        return out;
    }
}
