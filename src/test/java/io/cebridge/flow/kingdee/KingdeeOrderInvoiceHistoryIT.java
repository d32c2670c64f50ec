package io.cebridge.flow.kingdee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cebridge.demo.DemoAccountStore;
import io.cebridge.demo.DemoObjectStore;
import io.cebridge.demo.DemoSalesforceServer;
import io.cebridge.demo.kingdee.KingdeeStandIn;
import io.cebridge.demo.kingdee.StandInBills;
import io.cebridge.demo.kingdee.StandInSalesDocuments;
import io.cebridge.it.BridgeHarness;
import io.cebridge.it.TestErp;
import io.cebridge.runtime.BridgeRuntime;
import io.cebridge.store.DeadLetter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * order-invoice-history from Kingdee (the stand-in's SAL_SaleOrder and AR_receivable through ExecuteBillQuery) on the
 * real runtime, Kafka, the H2 state store and the demo CRM.
 * Guards: Kingdee orders or receivables lost, doubled or sent again unchanged on their way to the CRM; a document
 * modified while the pages are read skipped; lost sessions, HTML pages and HTTP 519 failing the flow; one document
 * that cannot be read holding back the others or dead-lettered without naming its form and FID; another
 * organisation's orders and receivables reaching the CRM when bridge.erp.kingdee.org-number is set.
 */
class KingdeeOrderInvoiceHistoryIT {
    private static final String FLOW = "order-invoice-history";
    private static final String SECRET = "kd-app-secret-for-it";
    private static final List<String> CUSTOMERS = List.of("CUST0001", "CUST0002", "CUST0003");
    @TempDir
    Path tmp;
    private DemoSalesforceServer crm;
    private DemoObjectStore objects;
    private KingdeeStandIn kingdee;
    private TestErp unused;
    private final Map<String, String> accountOf = new HashMap<>();

    @AfterEach
    void tearDown() throws Exception {
        if (crm != null) {
            crm.close();
        }
        if (kingdee != null) {
            kingdee.close();
        }
        if (unused != null) {
            unused.close();
        }
    }

    private BridgeHarness start() throws Exception {
        kingdee = KingdeeStandIn.standard(SECRET, "F_CRM_ID").start(0);
        DemoAccountStore accounts = DemoAccountStore.empty(Clock.systemUTC());
        objects = new DemoObjectStore(Clock.systemUTC());
        crm = new DemoSalesforceServer(accounts, objects, "it-client", "it-secret");
        crm.start(0);
        unused = TestErp.create(TestErp.Kind.H2, tmp);
        BridgeHarness bridge = new BridgeHarness(tmp.resolve("data"), crm.loginUrl(), "it-secret", unused);
        bridge.overrides.remove("bridge.erp.jdbc-url"); // no ERP database: Kingdee only
        bridge.overrides.remove("bridge.erp.username");
        bridge.overrides.putAll(kingdee.bridgeSettings(SECRET));
        bridge.overrides.put("bridge.erp.kingdee.timeout", "2s");
        bridge.overrides.put("bridge.flows.customer-master.enabled", "false");
        bridge.enable(FLOW);
        bridge.overrides.put("bridge.flows." + FLOW + ".batch-size", "7"); // pages of 7 rows: several per poll
        // no look-back: a document a page skipped would not be read again by the next poll either
        bridge.overrides.put("bridge.flows." + FLOW + ".lookback", "0s");
        for (String c : CUSTOMERS) {
            String account = (String) accounts.create(Map.of("Name", "客户 " + c + " 有限公司", "ERP_Customer_No__c", c))
                    .get("Id");
            accountOf.put(c, account);
            bridge.link(account, c);
        }
        return bridge;
    }

    private Map<String, Map<String, Object>> crmRecords(String type, String key) {
        Map<String, Map<String, Object>> out = new HashMap<>();
        objects.records(type).forEach(r -> out.put(String.valueOf(r.get(key)), r));
        return out;
    }

    private static List<DeadLetter> letters(BridgeRuntime runtime) throws Exception {
        return runtime.store().deadLetters().list(FLOW, false);
    }

    @Test
    void ordersAndReceivablesReachTheCrmOnceThroughLostSessionsHtmlAnd519AndChangesWhilePaging() throws Exception {
        BridgeHarness bridge = start();
        StandInBills bills = kingdee.bills();
        List<Long> orders = StandInSalesDocuments.seed(bills, 30, CUSTOMERS, LocalDate.of(2026, 11, 2));
        int receivables = bills.ids(StandInSalesDocuments.RECEIVABLES).size();
        // the first order changes right after the first page was read: it moves behind the others, and paging by
        // StartRow would then skip the order that moves up to where the second page starts
        long first = orders.get(0);
        bills.afterPage(StandInSalesDocuments.ORDERS, 1, () -> bills.update(StandInSalesDocuments.ORDERS, first,
                Map.of("FNote", "翻页时修改")));
        kingdee.expireSessionsAfter(5); // sessions die mid-poll, several times
        kingdee.overload(2);
        kingdee.answerHtml(2);

        try (BridgeRuntime runtime = new BridgeRuntime(bridge.config(), false).start()) {
            await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
                assertThat(objects.records("ERP_Sales_Order__c")).hasSize(30);
                assertThat(objects.records("ERP_Invoice__c")).hasSize(receivables);
                assertThat(crmRecords("ERP_Sales_Order__c", "ERP_Order_No__c").get(
                        bills.get(StandInSalesDocuments.ORDERS, first).get("FBILLNO")))
                        .containsEntry("Remarks__c", "翻页时修改");
            });
            assertThat(letters(runtime)).isEmpty();
            assertThat(kingdee.calls().get("LoginByAppSecret")).as("a new login after each lost session").isGreaterThan(1);

            int lines = 0;
            for (long id : orders) {
                Map<String, Object> o = bills.get(StandInSalesDocuments.ORDERS, id);
                Map<String, Object> r = crmRecords("ERP_Sales_Order__c", "ERP_Order_No__c").get(o.get("FBILLNO"));
                assertThat(new BigDecimal(r.get("Total_Amount__c").toString()))
                        .isEqualByComparingTo((BigDecimal) o.get("FBILLALLAMOUNT"));
                assertThat(r).containsEntry("Account__c", accountOf.get(((Map<?, ?>) o.get("FCUSTID")).get("FNumber")))
                        .containsEntry("CurrencyIsoCode", "CNY")
                        .containsEntry("Status__c", "B".equals(o.get("FCLOSESTATUS")) ? "SHIPPED" : "IN_PROCESS");
                lines += 1 + Integer.parseInt(o.get("FBILLNO").toString().substring(4)) % 3;
            }
            assertThat(objects.records("ERP_Sales_Order_Line__c")).hasSize(lines);
            assertThat(crmRecords("ERP_Sales_Order_Line__c", "ERP_Line_Key__c")).containsKey("XSDD000002/1");
            assertThat(crmRecords("ERP_Invoice__c", "ERP_Invoice_No__c").get("AR00000001"))
                    .containsEntry("Account__c", accountOf.get("CUST0002")).containsEntry("Status__c", "OPEN");

            // polls that find nothing new send nothing again
            int writes = crm.requestCount("/services/data");
            long cycles = runtime.stats().of(FLOW).pollCycles.get();
            await().atMost(Duration.ofSeconds(30)).until(() -> runtime.stats().of(FLOW).pollCycles.get() >= cycles + 3);
            assertThat(crm.requestCount("/services/data")).isEqualTo(writes);

            // a session lost between polls: one new login, and the cancelled order reaches the CRM
            kingdee.expireSessionsAfter(Integer.MAX_VALUE);
            kingdee.expireSessions();
            long logins = kingdee.calls().get("LoginByAppSecret");
            long cancelled = orders.get(4);
            bills.update(StandInSalesDocuments.ORDERS, cancelled, Map.of("FCancelStatus", "B"));
            Object no = bills.get(StandInSalesDocuments.ORDERS, cancelled).get("FBILLNO");
            await().atMost(Duration.ofSeconds(30)).until(() -> "CANCELLED".equals(crmRecords("ERP_Sales_Order__c",
                    "ERP_Order_No__c").get(no).get("Status__c")));
            assertThat(kingdee.calls().get("LoginByAppSecret")).isEqualTo(logins + 1);
            assertThat(objects.records("ERP_Sales_Order__c")).hasSize(30);
            assertThat(letters(runtime)).isEmpty();
        }
    }

    @Test
    void aDocumentThatCannotBeReadIsDeadLetteredNamingItsFormAndFidAndTheRestIsDelivered() throws Exception {
        BridgeHarness bridge = start();
        StandInBills bills = kingdee.bills();
        List<Long> orders = StandInSalesDocuments.seed(bills, 10, CUSTOMERS, LocalDate.of(2026, 11, 2));
        long badDate = orders.get(2);
        bills.update(StandInSalesDocuments.ORDERS, badDate, Map.of("FDate", "2026-02-30T00:00:00"));
        long receivable = bills.ids(StandInSalesDocuments.RECEIVABLES).get(0);
        bills.update(StandInSalesDocuments.RECEIVABLES, receivable, Map.of("FCURRENCYID", Map.of("FNumber", "PRE999")));
        int receivables = bills.ids(StandInSalesDocuments.RECEIVABLES).size();

        try (BridgeRuntime runtime = new BridgeRuntime(bridge.config(), false).start()) {
            await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
                assertThat(objects.records("ERP_Sales_Order__c")).hasSize(9);
                assertThat(objects.records("ERP_Invoice__c")).hasSize(receivables - 1);
                assertThat(letters(runtime)).hasSize(2);
            });
            Object orderNo = bills.get(StandInSalesDocuments.ORDERS, badDate).get("FBILLNO");
            Object invoiceNo = bills.get(StandInSalesDocuments.RECEIVABLES, receivable).get("FBILLNO");
            List<String> reasons = new ArrayList<>();
            for (DeadLetter d : letters(runtime)) {
                assertThat(d.reasonCode()).isEqualTo("SOURCE_DATA_PROBLEM");
                reasons.add(d.sourceId() + " -> " + d.reason());
            }
            assertThat(reasons).containsExactlyInAnyOrder(
                    "sales-order:" + orderNo + " -> Kingdee SAL_SaleOrder FID " + badDate + " (FBillNo " + orderNo
                            + "): FDate holds '2026-02-30T00:00:00', which is not a date",
                    "invoice:" + invoiceNo + " -> Kingdee AR_receivable FID " + receivable + " (FBillNo " + invoiceNo
                            + "): FCURRENCYID.FNumber holds 'PRE999', which order-invoice-history/kingdee-currencies.csv"
                            + " does not list");
            assertThat(crmRecords("ERP_Sales_Order__c", "ERP_Order_No__c")).doesNotContainKey(String.valueOf(orderNo));

            // fixed in Kingdee: the next poll reads it again and it is delivered, its letter resolved
            bills.update(StandInSalesDocuments.ORDERS, badDate, Map.of("FDate", "2026-02-28T00:00:00"));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(crmRecords("ERP_Sales_Order__c", "ERP_Order_No__c").get(String.valueOf(orderNo)))
                        .containsEntry("Order_Date__c", "2026-02-28");
                assertThat(letters(runtime)).hasSize(1);
            });
        }
    }

    @Test
    void onlyTheConfiguredOrganisationsDocumentsReachTheCrm() throws Exception {
        BridgeHarness bridge = start();
        bridge.overrides.put("bridge.erp.kingdee.org-number", "100");
        StandInBills bills = kingdee.bills();
        StandInSalesDocuments.seed(bills, 10, CUSTOMERS, LocalDate.of(2026, 11, 2));
        int receivables = bills.ids(StandInSalesDocuments.RECEIVABLES).size();
        // the same customers' documents in organisation 200 (numbered in their own series)
        List<Long> otherOrders = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            long id = bills.ids(StandInSalesDocuments.ORDERS).get(i);
            Map<String, Object> h = new HashMap<>(bills.get(StandInSalesDocuments.ORDERS, id));
            h.remove("FID");
            h.put("FBILLNO", "XSDD-200-" + i);
            h.put("FSALEORGID", Map.of("FNumber", "200"));
            List<Map<String, Object>> lines = new ArrayList<>();
            for (Map<String, Object> e : bills.entries(StandInSalesDocuments.ORDERS, id)) {
                Map<String, Object> l = new HashMap<>(e);
                l.remove("FSALEORDERENTRY_FENTRYID");
                lines.add(l);
            }
            otherOrders.add(bills.add(StandInSalesDocuments.ORDERS, h, lines));
        }
        for (int i = 0; i < 2; i++) {
            long id = bills.ids(StandInSalesDocuments.RECEIVABLES).get(i);
            Map<String, Object> h = new HashMap<>(bills.get(StandInSalesDocuments.RECEIVABLES, id));
            h.remove("FID");
            h.put("FBILLNO", "AR-200-" + i);
            h.put("FSETTLEORGID", Map.of("FNumber", "200"));
            bills.add(StandInSalesDocuments.RECEIVABLES, h, List.of());
        }

        try (BridgeRuntime runtime = new BridgeRuntime(bridge.config(), false).start()) {
            await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
                assertThat(objects.records("ERP_Sales_Order__c")).hasSize(10);
                assertThat(objects.records("ERP_Invoice__c")).hasSize(receivables);
            });
            // a change in the other organisation names nothing here
            bills.update(StandInSalesDocuments.ORDERS, otherOrders.get(0), Map.of("FNote", "二号组织的修改"));
            long cycles = runtime.stats().of(FLOW).pollCycles.get();
            await().atMost(Duration.ofSeconds(30)).until(() -> runtime.stats().of(FLOW).pollCycles.get() >= cycles + 3);
            assertThat(objects.records("ERP_Sales_Order__c")).hasSize(10);
            assertThat(objects.records("ERP_Invoice__c")).hasSize(receivables);
            assertThat(crmRecords("ERP_Sales_Order__c", "ERP_Order_No__c").keySet()).noneMatch(n -> n.contains("-200-"));
            assertThat(crmRecords("ERP_Invoice__c", "ERP_Invoice_No__c").keySet()).noneMatch(n -> n.contains("-200-"));
            assertThat(letters(runtime)).isEmpty();
        }
    }
}
