package io.cebridge.flow.quotetoorder;

import static org.assertj.core.api.Assertions.assertThat;
import static io.cebridge.it.DemoRecords.field;
import static org.awaitility.Awaitility.await;

import io.cebridge.config.BridgeConfig;
import io.cebridge.config.Secret;
import io.cebridge.connector.crm.salesforce.SalesforceClient;
import io.cebridge.demo.DemoAccountStore;
import io.cebridge.demo.DemoObjectStore;
import io.cebridge.demo.DemoSalesforceServer;
import io.cebridge.it.BridgeHarness;
import io.cebridge.it.DemoQuotes;
import io.cebridge.it.DemoRecords;
import io.cebridge.it.TestErp;
import io.cebridge.runtime.BridgeRuntime;
import io.cebridge.store.DeadLetter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The quote-to-order flow, declared by routes/quote-to-order.yaml and mappings/quote-to-order/ only, end to end on the
 * real runtime against the demo Salesforce API and the reference ERP on H2, PostgreSQL and MariaDB.
 */
class QuoteToOrderFlowIT {
    private static final String FLOW = "quote-to-order";
    @TempDir
    Path tmp;
    private DemoSalesforceServer crm;
    private TestErp erp;
    private DemoObjectStore objects;

    @AfterEach
    void tearDown() throws Exception {
        if (crm != null) {
            crm.close();
        }
        if (erp != null) {
            erp.close();
        }
    }

    // Guards: a partial order when one product is unknown, a second order for one quote, money rounded in floating
    // point or re-priced silently, changes lost or applied after the ERP moved on, a cancellation that creates an order.
    @ParameterizedTest
    @EnumSource(TestErp.Kind.class)
    void anAcceptedQuoteBecomesOneOrderAllOrNothingAndChangesOnlyWhileOpen(TestErp.Kind kind) throws Exception {
        DemoAccountStore accounts = DemoAccountStore.seeded(Clock.systemUTC());
        objects = new DemoObjectStore(Clock.systemUTC());
        String account = DemoRecords.accountId(accounts, "Alfreds Futterkiste");
        String chopper = objects.seed("Product2", Map.of("Name", "1969 Harley Davidson Ultimate Chopper",
                "ERP_Product_Code__c", "S10_1678"));
        String renault = objects.seed("Product2", Map.of("Name", "1952 Alpine Renault 1300", "ERP_Product_Code__c", "S10_1949"));
        String newcomer = objects.seed("Product2", Map.of("Name", "Not in the ERP yet", "ERP_Product_Code__c", "Q2O_NEW_1"));
        String opportunity = objects.seed("Opportunity", opportunity(account, "Closed Won", "0"));

        // 3 x 48.81 less 10 % = 131.787 -> 131.79; 1 x 10.005 = 10.005 -> 10.01 (half-up to the cent, per line)
        String accepted = quote("Q-0001", account, opportunity, "Accepted", "USD", "141.80");
        String l1 = line(accepted, "1", chopper, "3", "48.81", "10", "131.79");
        line(accepted, "2", renault, "1", "10.005", null, "10.01");
        // one line's product is not in the ERP: nothing of the quote may be written until it is
        String waiting = quote("Q-0002", account, null, "Accepted", "USD", "148.81");
        line(waiting, "1", chopper, "1", "48.81", null, "48.81");
        line(waiting, "2", newcomer, "4", "25", null, "100.00");
        // a line total that is not quantity x price less discount: refused with both values, never re-priced
        String mispriced = quote("Q-0003", account, null, "Accepted", "USD", "100.00");
        line(mispriced, "1", chopper, "2", "48.81", null, "100.00");
        String empty = quote("Q-0004", account, null, "Accepted", "USD", "0");
        // no price list in EUR: waits too
        String euro = quote("Q-0005", account, null, "Accepted", "EUR", "48.81");
        line(euro, "1", chopper, "1", "48.81", null, "48.81");
        // cancelled before it was ever an order: nothing is created
        String neverOrdered = quote("Q-0006", account, null, "Cancelled", "USD", "48.81");
        line(neverOrdered, "1", chopper, "1", "48.81", null, "48.81");

        erp = TestErp.create(kind, tmp, true); // with the reference products and the USD price list
        crm = new DemoSalesforceServer(accounts, objects, "it-client", "it-secret");
        crm.start(0);
        BridgeHarness bridge = new BridgeHarness(tmp.resolve("data"), crm.loginUrl(), "it-secret", erp);
        bridge.enable("customer-master", FLOW);
        BridgeConfig cfg = BridgeConfig.load(null, Map.of(), new Properties(), bridge.overrides);
        SalesforceClient sf = new SalesforceClient(crm.loginUrl(), "it-client", new Secret("it-secret"), "60.0",
                Duration.ofSeconds(10), 2000, io.cebridge.connector.crm.salesforce.HostPolicy.localStandIn());
        try (BridgeRuntime runtime = new BridgeRuntime(cfg, false).start()) {
            await().atMost(Duration.ofSeconds(90)).until(() -> orders(accepted) == 1
                    && objects.records("Quote").stream().anyMatch(q -> q.get("Id").equals(accepted)
                    && q.get("ERP_Order_No__c") != null));
            long customerNo = Long.parseLong(String.valueOf(accounts.get(account).orElseThrow().get("ERP_Customer_No__c")));
            Map<String, Object> order = order(accepted);
            String orderNo = order.get("order_no").toString();
            assertThat(orderNo).startsWith("SO-");
            assertThat(((Number) order.get("customer_no")).longValue()).isEqualTo(customerNo);
            assertThat(order.get("order_source")).isEqualTo("CRM");
            assertThat(order.get("status")).isEqualTo("OPEN");
            assertThat((BigDecimal) order.get("total_amount")).isEqualByComparingTo("141.80");
            assertThat(lines(orderNo)).isEqualTo(2);
            assertThat((BigDecimal) lineRow(l1).get("line_amount")).isEqualByComparingTo("131.79");
            assertThat((BigDecimal) lineRow(l1).get("discount_percent")).isEqualByComparingTo("10");
            assertThat(erp.scalar("SELECT COUNT(*) FROM erp_sales_order_line WHERE order_no = '" + orderNo
                    + "' AND line_amount = 10.01")).isEqualTo(1);
            await().atMost(Duration.ofSeconds(30)).until(() -> orderNo.equals(field(objects, "Opportunity", opportunity,
                    "ERP_Order_No__c")));

            Map<String, DeadLetter> letters = new LinkedHashMap<>();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                letters.clear();
                runtime.store().deadLetters().list(FLOW, false).forEach(d -> letters.put(d.sourceId(), d));
                assertThat(letters).containsKeys(waiting, mispriced, empty, euro);
            });
            assertThat(letters.get(waiting).reasonCode()).isEqualTo("NEEDS_MAPPING");
            assertThat(letters.get(waiting).reason()).contains("line 2: product 'Q2O_NEW_1' is not in the ERP")
                    .doesNotContain("line 1:");
            assertThat(letters.get(euro).reasonCode()).isEqualTo("NEEDS_MAPPING");
            assertThat(letters.get(euro).reason()).contains("price list in the currency 'EUR'");
            assertThat(letters.get(mispriced).reasonCode()).isEqualTo("AMOUNT_MISMATCH");
            assertThat(letters.get(mispriced).reason()).contains("TotalPrice is 100").contains("97.62");
            assertThat(letters.get(empty).reasonCode()).isEqualTo("NO_LINES");
            assertThat(orders(waiting) + orders(mispriced) + orders(empty) + orders(euro) + orders(neverOrdered)).isZero();
            // it waited for its account's link like the others, then had nothing to do: its letter is resolved
            await().atMost(Duration.ofSeconds(30)).until(() -> runtime.store().deadLetters().list(FLOW, false).stream()
                    .noneMatch(d -> d.sourceId().equals(neverOrdered)));

            // the product arrives in the ERP: the waiting quote goes through by itself, whole
            erp.execute("INSERT INTO erp_product (product_code, name, status) VALUES ('Q2O_NEW_1', 'New product', 'ACTIVE')");
            await().atMost(Duration.ofSeconds(60)).until(() -> orders(waiting) == 1);
            assertThat(lines(order(waiting).get("order_no").toString())).isEqualTo(2);

            // a change while the order is OPEN updates it: line 1 to 4 pieces
            update(sf, "QuoteLineItem", l1, Map.of("Quantity", 4));
            recalculated(l1, "175.72", accepted, "185.73");
            await().atMost(Duration.ofSeconds(60)).until(() -> ((BigDecimal) lineRow(l1).get("quantity")).compareTo(
                    new BigDecimal("4")) == 0);
            assertThat((BigDecimal) order(accepted).get("total_amount")).isEqualByComparingTo("185.73");
            assertThat(orders(accepted)).as("still one order for the quote").isEqualTo(1);

            // the ERP moves on: a later change is refused naming the ERP's status, the order stays as it is
            erp.execute("UPDATE erp_sales_order SET status = 'IN_PROCESS' WHERE order_no = '" + orderNo + "'");
            update(sf, "QuoteLineItem", l1, Map.of("Quantity", 5));
            recalculated(l1, "219.65", accepted, "229.66");
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(runtime.store().deadLetters()
                    .list(FLOW, false)).anySatisfy(d -> {
                        assertThat(d.sourceId()).isEqualTo(accepted);
                        assertThat(d.reasonCode()).isEqualTo("ORDER_LOCKED_IN_ERP");
                        assertThat(d.reason()).contains(orderNo).contains("IN_PROCESS");
                    }));
            assertThat((BigDecimal) lineRow(l1).get("quantity")).isEqualByComparingTo("4");
            assertThat(order(accepted).get("status")).isEqualTo("IN_PROCESS");

            // a cancelled quote cancels its order while the order is open
            String waitingOrder = order(waiting).get("order_no").toString();
            update(sf, "Quote", waiting, Map.of("Status", "Cancelled"));
            await().atMost(Duration.ofSeconds(60)).until(() -> "CANCELLED".equals(order(waiting).get("status")));
            assertThat(order(waiting).get("order_no")).isEqualTo(waitingOrder);
            assertThat(erp.scalar("SELECT COUNT(*) FROM erp_sales_order WHERE order_source = 'CRM'")).isEqualTo(2);
        }
    }

    // Guards: the opportunity shape (no quotes in the org) making no order, a partial one, or a second one.
    @ParameterizedTest
    @EnumSource(value = TestErp.Kind.class, names = {"H2", "POSTGRESQL"})
    void aWonOpportunityBecomesOneOrderFromItsLines(TestErp.Kind kind) throws Exception {
        DemoAccountStore accounts = DemoAccountStore.seeded(Clock.systemUTC());
        objects = new DemoObjectStore(Clock.systemUTC());
        String account = DemoRecords.accountId(accounts, "Alfreds Futterkiste");
        String chopper = objects.seed("Product2", Map.of("Name", "Chopper", "ERP_Product_Code__c", "S10_1678"));
        String renault = objects.seed("Product2", Map.of("Name", "Renault", "ERP_Product_Code__c", "S10_1949"));
        String won = objects.seed("Opportunity", opportunity(account, "Closed Won", "217.62"));
        objects.seed("OpportunityLineItem", oppLine(won, chopper, "2", "48.81", null, "97.62"));
        objects.seed("OpportunityLineItem", oppLine(won, renault, "3", "50", "20", "120.00"));
        String open = objects.seed("Opportunity", opportunity(account, "Negotiation/Review", "97.62"));
        objects.seed("OpportunityLineItem", oppLine(open, chopper, "2", "48.81", null, "97.62"));

        erp = TestErp.create(kind, tmp, true);
        crm = new DemoSalesforceServer(accounts, objects, "it-client", "it-secret");
        crm.start(0);
        BridgeHarness bridge = new BridgeHarness(tmp.resolve("data"), crm.loginUrl(), "it-secret", erp);
        bridge.enable("customer-master", "opportunity-to-order");
        BridgeConfig cfg = BridgeConfig.load(null, Map.of(), new Properties(), bridge.overrides);
        try (BridgeRuntime runtime = new BridgeRuntime(cfg, false).start()) {
            await().atMost(Duration.ofSeconds(90)).until(() -> orders(won) == 1
                    && field(objects, "Opportunity", won, "ERP_Order_No__c") != null);
            Map<String, Object> order = order(won);
            assertThat(field(objects, "Opportunity", won, "ERP_Order_No__c")).isEqualTo(order.get("order_no"));
            assertThat((BigDecimal) order.get("total_amount")).isEqualByComparingTo("217.62");
            assertThat(lines(order.get("order_no").toString())).isEqualTo(2);
            assertThat(erp.scalar("SELECT COUNT(*) FROM erp_sales_order_line WHERE order_no = '" + order.get("order_no")
                    + "' AND line_no = 2 AND line_amount = 120.00 AND discount_percent = 20")).isEqualTo(1);
            assertThat(orders(open)).as("not won: no order").isZero();
            assertThat(runtime.store().deadLetters().list("opportunity-to-order", false)).isEmpty();
        }
    }

    // Guards: a large quote split over several orders or Kafka messages, lines lost past a page or a batch, or its total
    // summed in floating point.
    @ParameterizedTest
    @EnumSource(value = TestErp.Kind.class, names = {"H2", "MARIADB"})
    void aQuoteOfAThousandLinesIsOneWholeOrder(TestErp.Kind kind) throws Exception {
        DemoAccountStore accounts = DemoAccountStore.seeded(Clock.systemUTC());
        objects = new DemoObjectStore(Clock.systemUTC());
        erp = TestErp.create(kind, tmp, true);
        List<DemoQuotes.Product> products = DemoQuotes.products(erp.dataSource(), objects, 40);
        String big = DemoQuotes.accepted(objects, DemoRecords.accountId(accounts, "Alfreds Futterkiste"), products, 7, 1_000);
        BigDecimal total = new BigDecimal(field(objects, "Quote", big, "TotalPrice"));
        crm = new DemoSalesforceServer(accounts, objects, "it-client", "it-secret");
        crm.start(0);
        BridgeHarness bridge = new BridgeHarness(tmp.resolve("data"), crm.loginUrl(), "it-secret", erp);
        bridge.enable("customer-master", FLOW);
        try (BridgeRuntime runtime = new BridgeRuntime(bridge.config(), false).start()) {
            // the quote may arrive before customer-master has linked its account: it waits (PARENT_NOT_LINKED) and its
            // letter is resolved once it is delivered, so the letters are checked when both have happened
            await().atMost(Duration.ofSeconds(90)).until(() -> field(objects, "Quote", big, "ERP_Order_No__c") != null
                    && runtime.store().deadLetters().list(FLOW, false).isEmpty());
            Map<String, Object> order = order(big);
            assertThat(order.get("order_no")).isEqualTo(field(objects, "Quote", big, "ERP_Order_No__c"));
            assertThat((BigDecimal) order.get("total_amount")).isEqualByComparingTo(total);
            assertThat(lines(order.get("order_no").toString())).isEqualTo(1_000);
            assertThat(erp.scalar("SELECT MAX(line_no) FROM erp_sales_order_line WHERE order_no = '" + order.get("order_no")
                    + "'")).isEqualTo(1_000);
            assertThat(orders(big)).isEqualTo(1);
            assertThat(runtime.store().deadLetters().list(FLOW, false)).isEmpty();
        }
    }

    private static Map<String, Object> oppLine(String opportunity, String product, String quantity, String price,
                                               String discount, String total) {
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("OpportunityId", opportunity);
        l.put("Product2Id", product);
        l.put("Quantity", new BigDecimal(quantity));
        l.put("UnitPrice", new BigDecimal(price));
        l.put("Discount", discount == null ? null : new BigDecimal(discount));
        l.put("TotalPrice", new BigDecimal(total));
        return l;
    }

    private static Map<String, Object> opportunity(String account, String stage, String amount) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("Name", "Alfreds " + stage);
        o.put("AccountId", account);
        o.put("StageName", stage);
        o.put("CloseDate", "2026-12-15");
        o.put("CurrencyIsoCode", "USD");
        o.put("Amount", new BigDecimal(amount));
        o.put("ERP_Order_No__c", null);
        return o;
    }

    private String quote(String number, String account, String opportunity, String status, String currency,
                         String total) {
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("Name", number);
        q.put("QuoteNumber", number);
        q.put("AccountId", account);
        if (opportunity != null) {
            q.put("OpportunityId", opportunity);
        }
        q.put("Status", status);
        q.put("CurrencyIsoCode", currency);
        q.put("TotalPrice", new BigDecimal(total));
        // the header fields the flow reads, empty unless given (the demo CRM knows them from its describe anyway)
        for (String f : new String[] {"OpportunityId", "ExpirationDate", "Discount", "Subtotal", "GrandTotal",
                "ShippingName", "ShippingStreet", "ShippingCity", "ShippingPostalCode", "ShippingCountry",
                "ERP_Order_No__c"}) {
            q.putIfAbsent(f, null);
        }
        return objects.seed("Quote", q);
    }

    private String line(String quote, String number, String product, String quantity, String price, String discount,
                        String total) {
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("QuoteId", quote);
        l.put("LineNumber", number);
        l.put("Product2Id", product);
        l.put("Quantity", new BigDecimal(quantity));
        l.put("UnitPrice", new BigDecimal(price));
        l.put("Discount", discount == null ? null : new BigDecimal(discount));
        l.put("TotalPrice", new BigDecimal(total));
        return objects.seed("QuoteLineItem", l);
    }

    // The totals Salesforce recalculates when a line's quantity changes (read-only fields: the API refuses them).
    private void recalculated(String line, String lineTotal, String quote, String quoteTotal) {
        objects.seedUpdate("QuoteLineItem", line, Map.of("TotalPrice", new BigDecimal(lineTotal)));
        objects.seedUpdate("Quote", quote, Map.of("TotalPrice", new BigDecimal(quoteTotal)));
    }

    private static void update(SalesforceClient sf, String sobject, String id, Map<String, Object> fields) {
        Map<String, Object> u = new LinkedHashMap<>(fields);
        u.put("Id", id);
        assertThat(sf.update(sobject, List.of(u), false).get(0).success()).isTrue();
    }

    private long orders(String quote) throws Exception {
        return erp.scalar("SELECT COUNT(*) FROM erp_sales_order WHERE crm_quote_id = '" + quote + "'");
    }

    private long lines(String orderNo) throws Exception {
        return erp.scalar("SELECT COUNT(*) FROM erp_sales_order_line WHERE order_no = '" + orderNo + "'");
    }

    private Map<String, Object> order(String quote) throws Exception {
        return erp.row("SELECT * FROM erp_sales_order WHERE crm_quote_id = '" + quote + "'");
    }

    private Map<String, Object> lineRow(String lineId) throws Exception {
        return erp.row("SELECT * FROM erp_sales_order_line WHERE crm_line_id = '" + lineId + "'");
    }
}
