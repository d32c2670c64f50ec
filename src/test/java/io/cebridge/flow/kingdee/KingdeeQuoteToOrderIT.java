package io.cebridge.flow.kingdee;

import static org.assertj.core.api.Assertions.assertThat;

import io.cebridge.connector.erp.kingdee.KingdeeClient;
import io.cebridge.connector.erp.kingdee.KingdeeForms;
import io.cebridge.connector.erp.kingdee.KingdeeSettings;
import io.cebridge.demo.DemoAccountStore;
import io.cebridge.demo.DemoObjectStore;
import io.cebridge.demo.DemoSalesforceServer;
import io.cebridge.demo.kingdee.KingdeeStandIn;
import io.cebridge.flow.FlowStats;
import io.cebridge.it.BridgeHarness;
import io.cebridge.it.DemoQuotes;
import io.cebridge.it.TestErp;
import io.cebridge.runtime.BridgeRuntime;
import io.cebridge.runtime.OnceRunner;
import io.cebridge.store.DeadLetter;
import io.cebridge.store.StateStore;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guards: quote-to-order into Kingdee's SAL_SaleOrder (the stand-in) losing lines, saving an order twice, or letting
 * one refused order, a lost session or a late answer take other quotes down; real runtime, Kafka, H2 state store and
 * the demo CRM API.
 */
class KingdeeQuoteToOrderIT {
    private static final String FLOW = "quote-to-order";
    private static final String SECRET = "kd-app-secret-for-it";
    @TempDir
    Path tmp;
    private DemoSalesforceServer crm;
    private KingdeeStandIn kingdee;
    private TestErp unused;
    private DemoObjectStore objects;
    private BridgeHarness bridge;
    private final List<DemoQuotes.Product> products = new ArrayList<>();
    private final List<String> accounts = new ArrayList<>();
    private final Map<String, String> customerOf = new HashMap<>();

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

    /**
     * The demo CRM with {@code nAccounts} accounts and five products, Kingdee with their audited customers (linked as
     * customer-master would have) and materials; only quote-to-order runs.
     */
    private void start(int nAccounts) throws Exception {
        kingdee = KingdeeStandIn.standard(SECRET, "F_CRM_ID").start(0);
        DemoAccountStore accountStore = DemoAccountStore.empty(Clock.systemUTC());
        objects = new DemoObjectStore(Clock.systemUTC());
        for (int i = 0; i < nAccounts; i++) {
            accounts.add((String) accountStore.create(Map.of("Name", "金蝶订单客户 " + i, "CurrencyIsoCode", "CNY")).get("Id"));
        }
        for (int p = 1; p <= 5; p++) {
            String code = "MAT-" + p;
            kingdee.addMaterial(code, "物料 " + p, false);
            products.add(new DemoQuotes.Product(objects.seed("Product2", Map.of("Name", code, "ERP_Product_Code__c", code)),
                    code, new BigDecimal(p * 10 + ".50")));
        }
        crm = new DemoSalesforceServer(accountStore, objects, "it-client", "it-secret");
        crm.start(0);
        unused = TestErp.create(TestErp.Kind.H2, tmp);
        bridge = new BridgeHarness(tmp.resolve("data"), crm.loginUrl(), "it-secret", unused);
        bridge.overrides.remove("bridge.erp.jdbc-url"); // no ERP database: Kingdee only
        bridge.overrides.remove("bridge.erp.username");
        bridge.overrides.putAll(kingdee.bridgeSettings(SECRET));
        bridge.overrides.put("bridge.erp.kingdee.org-number", "100");
        bridge.overrides.put("bridge.erp.kingdee.timeout", "2s");
        bridge.overrides.put("bridge.flows.customer-master.enabled", "false");
        bridge.enable(FLOW);
        KingdeeForms forms = forms();
        List<Map<String, Object>> models = new ArrayList<>();
        accounts.forEach(a -> models.add(Map.of("FName", "金蝶订单客户 " + a, "F_CRM_ID", a,
                "FUseOrgId", Map.of("FNumber", "100"))));
        List<String> numbers = new ArrayList<>();
        forms.batchSave("BD_Customer", models, List.of()).saved().forEach(s -> numbers.add(s.number()));
        forms.submit("BD_Customer", numbers);
        forms.audit("BD_Customer", numbers);
        for (int i = 0; i < accounts.size(); i++) {
            customerOf.put(accounts.get(i), numbers.get(i));
            bridge.link(accounts.get(i), numbers.get(i));
        }
    }

    private KingdeeForms forms() {
        return new KingdeeForms(new KingdeeClient(KingdeeSettings.from(bridge.config())));
    }

    private String quote(int q, int lines) {
        return DemoQuotes.accepted(objects, accounts.get(q % accounts.size()), products, q, lines);
    }

    private FlowStats.Counters runOnce() throws Exception {
        try (BridgeRuntime runtime = new BridgeRuntime(bridge.config(), true)) {
            runtime.start();
            Optional<String> failure = new OnceRunner(runtime, Duration.ofMinutes(5)).await();
            assertThat(failure).as("run --once failure").isEmpty();
            return runtime.stats().of(FLOW);
        }
    }

    private List<DeadLetter> letters() throws Exception {
        try (StateStore store = StateStore.open(bridge.config(), 2)) {
            return store.deadLetters().list(FLOW, false);
        }
    }

    private static String field(DemoObjectStore objects, String type, String id, String field) {
        return io.cebridge.it.DemoRecords.field(objects, type, id, field);
    }

    /** One SAL_SaleOrder per quote id among {@code quotes}, with all its lines and its number on the quote. */
    private void assertOneWholeOrderPerQuoteAndNumbersBack(List<String> quotes) {
        Map<Object, List<Map<String, Object>>> byQuote = new HashMap<>();
        kingdee.saleOrders().forEach(o -> byQuote.computeIfAbsent(o.get("F_CRM_ID"), k -> new ArrayList<>()).add(o));
        for (String q : quotes) {
            assertThat(byQuote.get(q)).as("orders of quote " + q).hasSize(1);
            Map<String, Object> order = byQuote.get(q).get(0);
            assertThat(field(objects, "Quote", q, "ERP_Order_No__c")).as("order number written back")
                    .isEqualTo(order.get("FBILLNO"));
            List<Map<String, Object>> items = objects.records("QuoteLineItem").stream()
                    .filter(l -> q.equals(l.get("QuoteId"))).toList();
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> lines = (List<Map<String, Object>>) order.get("FSALEORDERENTRY");
            assertThat(lines).as("lines of quote " + q).hasSize(items.size());
            assertThat(new BigDecimal(order.get("FBILLALLAMOUNT").toString()))
                    .isEqualByComparingTo(field(objects, "Quote", q, "TotalPrice"));
            assertThat(order.get("FCUSTID")).isEqualTo(Map.of("FNumber",
                    customerOf.get(field(objects, "Quote", q, "AccountId"))));
            assertThat(order.get("FSALEORGID")).isEqualTo(Map.of("FNumber", "100"));
        }
    }

    // Guards: lines lost or an order saved twice; a quote with an unknown material written in part instead of waiting;
    // one order Kingdee refuses in a BatchSave taking the other quotes down; run 2 saving again.
    @Test
    void quotesBecomeWholeOrdersOnceTheRefusedOneIsDeadLetteredAndAnUnknownMaterialWaits() throws Exception {
        start(4);
        List<String> quotes = new ArrayList<>();
        for (int q = 1; q <= 12; q++) {
            quotes.add(quote(q, 1 + q % 4));
        }
        String forbidden = quote(3, 2); // account 3's customer is forbidden in Kingdee below
        Map<String, Object> newProduct = Map.of("Name", "MAT-NEW", "ERP_Product_Code__c", "MAT-NEW");
        List<DemoQuotes.Product> withNew = List.of(products.get(0), new DemoQuotes.Product(objects.seed("Product2",
                newProduct), "MAT-NEW", new BigDecimal("99.00")));
        String waiting = DemoQuotes.accepted(objects, accounts.get(0), withNew, 20, 2);
        String cust3 = customerOf.get(accounts.get(3));
        Map<String, Object> c3 = kingdee.customers().stream().filter(c -> cust3.equals(c.get("FNUMBER"))).findFirst()
                .orElseThrow();
        forms().batchSave("BD_Customer", List.of(Map.of("FCUSTID", c3.get("FCUSTID"), "FForbidStatus", "B")),
                List.of("FForbidStatus"));
        quotes.removeIf(q -> accounts.get(3).equals(field(objects, "Quote", q, "AccountId")));
        long setupSaves = kingdee.calls().get("BatchSave");

        FlowStats.Counters run1 = runOnce();
        assertOneWholeOrderPerQuoteAndNumbersBack(quotes);
        assertThat(kingdee.saleOrders()).hasSize(quotes.size());
        assertThat(run1.delivered.get()).isEqualTo(quotes.size());
        Map<String, DeadLetter> byQuote = new HashMap<>();
        letters().forEach(d -> byQuote.put(d.sourceId(), d));
        assertThat(byQuote.get(forbidden).reasonCode()).isEqualTo("ERP_REJECTED");
        assertThat(byQuote.get(forbidden).reason()).isEqualTo("Kingdee refused the SAL_SaleOrder: FCustId: 客户“" + cust3
                + "”已禁用，不能使用");
        assertThat(byQuote.get(waiting).reasonCode()).isEqualTo("NEEDS_MAPPING");
        assertThat(byQuote.get(waiting).reason()).contains("line 2: material 'MAT-NEW' is not in the ERP")
                .doesNotContain("line 1:");
        assertThat(field(objects, "Quote", forbidden, "ERP_Order_No__c")).isNull();
        assertThat(kingdee.calls().get("BatchSave") - setupSaves).as("the orders of one delivery batch in one BatchSave")
                .isEqualTo(1);

        // the material arrives in Kingdee: the waiting quote goes through whole; nothing else is saved again
        kingdee.addMaterial("MAT-NEW", "新物料", false);
        long saves = kingdee.calls().get("BatchSave");
        bridge.overrides.put("bridge.flows." + FLOW + ".lookback", "0s");
        runOnce();
        quotes.add(waiting);
        assertOneWholeOrderPerQuoteAndNumbersBack(quotes);
        assertThat(kingdee.saleOrders()).hasSize(quotes.size());
        assertThat(kingdee.calls().get("BatchSave") - saves).as("only the waiting quote's order").isLessThanOrEqualTo(1);
    }

    // Guards: a Save Kingdee applied but answered after the client's timeout making a second order on the retry.
    @Test
    void aSaveAnsweredAfterTheTimeoutIsNotSavedTwice() throws Exception {
        start(3);
        List<String> quotes = new ArrayList<>();
        for (int q = 1; q <= 30; q++) {
            quotes.add(quote(q, 1 + q % 5));
        }
        kingdee.answerSavesLate(1, Duration.ofSeconds(5));

        FlowStats.Counters run = runOnce();
        // the first attempt's BatchSave was applied: its retry finds those orders as they are (unchanged)
        assertThat(run.delivered.get() + run.unchanged.get()).isEqualTo(30);
        assertThat(run.unchanged.get()).isPositive();
        assertThat(run.deadLettered.get()).isZero();
        assertOneWholeOrderPerQuoteAndNumbersBack(quotes);
        assertThat(kingdee.saleOrders()).hasSize(30);
    }

    // Guards: a session lost in the middle of a delivery batch failing it or looping on logins: one new login, the
    // call sent once more.
    @Test
    void aSessionLostMidBatchLogsInOnceAndTheBatchGoesThrough() throws Exception {
        start(2);
        List<String> quotes = new ArrayList<>();
        for (int q = 1; q <= 10; q++) {
            quotes.add(quote(q, 3));
        }
        long loginsBefore = kingdee.calls().get("LoginByAppSecret");
        long savesBefore = kingdee.calls().get("BatchSave");
        // the run's session dies after its material look-up and order look-up: the BatchSave finds it lost
        kingdee.expireSessionsAfter(2);

        FlowStats.Counters run = runOnce();
        assertThat(run.delivered.get()).isEqualTo(10);
        assertThat(run.deadLettered.get()).isZero();
        assertOneWholeOrderPerQuoteAndNumbersBack(quotes);
        assertThat(kingdee.calls().get("LoginByAppSecret") - loginsBefore).as("the first login and one more").isEqualTo(2);
        assertThat(kingdee.calls().get("BatchSave") - savesBefore).as("the lost call, then once more").isEqualTo(2);
    }
}
