package io.cebridge.flow.quotetoorder;

import static org.assertj.core.api.Assertions.assertThat;
import static io.cebridge.it.DemoRecords.field;
import static org.awaitility.Awaitility.await;

import io.cebridge.config.BridgeConfig;
import io.cebridge.demo.DemoAccountStore;
import io.cebridge.demo.DemoObjectStore;
import io.cebridge.demo.DemoSalesforceServer;
import io.cebridge.it.BridgeHarness;
import io.cebridge.it.DemoRecords;
import io.cebridge.it.TestErp;
import io.cebridge.runtime.BridgeRuntime;
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
 * The order-status flow (routes/order-status.yaml, mappings/order-status/), end to end: what happens to an ERP order
 * made from a CRM quote comes back to the quote and its opportunity; on H2, PostgreSQL and MariaDB.
 */
class OrderStatusFlowIT {
    private static final String FLOW = "order-status";
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

    // Guards: a status that never comes back, shipped or invoiced in part shown as done, shipments lost or doubled,
    // and orders that never came from the CRM written to it.
    @ParameterizedTest
    @EnumSource(TestErp.Kind.class)
    void statusShipmentsAndInvoicesOfAnOrderComeBackToItsQuoteAndOpportunity(TestErp.Kind kind) throws Exception {
        DemoAccountStore accounts = DemoAccountStore.empty(Clock.systemUTC());
        objects = new DemoObjectStore(Clock.systemUTC());
        String opportunity = objects.seed("Opportunity", Map.of("Name", "Deal", "StageName", "Closed Won"));
        String quote = objects.seed("Quote", Map.of("Name", "Q-1", "OpportunityId", opportunity, "Status", "Accepted"));
        erp = TestErp.create(kind, tmp, true);
        long customer = erp.scalar("SELECT MIN(customer_no) FROM erp_customer");
        erp.execute("INSERT INTO erp_sales_order (order_no, customer_no, status, currency, total_amount, order_source,"
                + " crm_quote_id, crm_opportunity_id) VALUES ('SO-900001', " + customer + ", 'OPEN', 'USD', 200.00, 'CRM', '"
                + quote + "', '" + opportunity + "')");
        erp.execute("INSERT INTO erp_sales_order_line (order_no, line_no, product_code, quantity, unit_price, line_amount)"
                + " VALUES ('SO-900001', 1, 'S10_1678', 3, 50, 150.00)");
        erp.execute("INSERT INTO erp_sales_order_line (order_no, line_no, product_code, quantity, unit_price, line_amount)"
                + " VALUES ('SO-900001', 2, 'S10_1949', 1, 50, 50.00)");
        crm = new DemoSalesforceServer(accounts, objects, "it-client", "it-secret");
        crm.start(0);
        BridgeHarness bridge = new BridgeHarness(tmp.resolve("data"), crm.loginUrl(), "it-secret", erp);
        bridge.overrides.put("bridge.flows.customer-master.enabled", "false");
        bridge.overrides.put("bridge.flows." + FLOW + ".enabled", "true");
        bridge.overrides.put("bridge.flows." + FLOW + ".poll-interval", "1s");
        BridgeConfig cfg = BridgeConfig.load(null, Map.of(), new Properties(), bridge.overrides);
        try (BridgeRuntime runtime = new BridgeRuntime(cfg, false).start()) {
            // the quote, then the opportunity: one delivery writes them one after the other
            await().atMost(Duration.ofSeconds(60)).until(() -> "Open".equals(field(objects, "Quote", quote, "ERP_Order_Status__c"))
                    && "Open".equals(field(objects, "Opportunity", opportunity, "ERP_Order_Status__c")));
            assertThat(field(objects, "Quote", quote, "ERP_Order_No__c")).isEqualTo("SO-900001");

            erp.execute("UPDATE erp_sales_order SET status = 'IN_PROCESS', updated_at = CURRENT_TIMESTAMP"
                    + " WHERE order_no = 'SO-900001'");
            await().atMost(Duration.ofSeconds(60)).until(() -> "Confirmed".equals(field(objects, "Quote", quote,
                    "ERP_Order_Status__c")));

            // 2 of the 4 pieces shipped
            erp.execute("INSERT INTO erp_shipment (shipment_no, order_no, ship_date, carrier, tracking_no)"
                    + " VALUES ('SH-1', 'SO-900001', DATE '2026-11-30', 'SF Express', 'SF1234567890')");
            erp.execute("INSERT INTO erp_shipment_line (shipment_no, line_no, order_no, order_line_no, quantity)"
                    + " VALUES ('SH-1', 1, 'SO-900001', 1, 2)");
            await().atMost(Duration.ofSeconds(60)).until(() -> "Partially Shipped".equals(field(objects, "Quote", quote,
                    "ERP_Order_Status__c")) && objects.records("ERP_Shipment__c").size() == 1);
            List<Map<String, Object>> shipments = objects.records("ERP_Shipment__c");
            assertThat(shipments).hasSize(1);
            assertThat(shipments.get(0)).containsEntry("Quote__c", quote).containsEntry("Tracking_No__c", "SF1234567890")
                    .containsEntry("Carrier__c", "SF Express");
            assertThat(new BigDecimal(shipments.get(0).get("Quantity__c").toString())).isEqualByComparingTo("2");

            // the rest shipped
            erp.execute("INSERT INTO erp_shipment (shipment_no, order_no, ship_date, carrier, tracking_no)"
                    + " VALUES ('SH-2', 'SO-900001', DATE '2026-12-01', 'SF Express', 'SF1234567891')");
            erp.execute("INSERT INTO erp_shipment_line (shipment_no, line_no, order_no, order_line_no, quantity)"
                    + " VALUES ('SH-2', 1, 'SO-900001', 1, 1)");
            erp.execute("INSERT INTO erp_shipment_line (shipment_no, line_no, order_no, order_line_no, quantity)"
                    + " VALUES ('SH-2', 2, 'SO-900001', 2, 1)");
            // the status and the shipments are written by one delivery, one after the other
            await().atMost(Duration.ofSeconds(60)).until(() -> "Shipped".equals(field(objects, "Quote", quote,
                    "ERP_Order_Status__c")) && objects.records("ERP_Shipment__c").size() == 2);

            // invoiced in part, then in full
            erp.execute("INSERT INTO erp_invoice (invoice_no, customer_no, order_no, invoice_date, due_date, currency,"
                    + " net_amount, tax_amount, total_amount) VALUES ('INV-900001', " + customer + ", 'SO-900001',"
                    + " DATE '2026-12-01', DATE '2026-12-31', 'USD', 150.00, 19.50, 169.50)");
            await().atMost(Duration.ofSeconds(60)).until(() -> "Partially Invoiced".equals(field(objects, "Quote", quote,
                    "ERP_Order_Status__c")));
            erp.execute("INSERT INTO erp_invoice (invoice_no, customer_no, order_no, invoice_date, due_date, currency,"
                    + " net_amount, tax_amount, total_amount) VALUES ('INV-900002', " + customer + ", 'SO-900001',"
                    + " DATE '2026-12-02', DATE '2027-01-01', 'USD', 50.00, 6.50, 56.50)");
            await().atMost(Duration.ofSeconds(60)).until(() -> "Invoiced".equals(field(objects, "Opportunity", opportunity,
                    "ERP_Order_Status__c")));
            assertThat(new BigDecimal(field(objects, "Quote", quote, "ERP_Invoiced_Amount__c").toString()))
                    .isEqualByComparingTo("200.00");

            // the seeded orders that never came from the CRM wrote nothing and wait for nothing
            assertThat(objects.records("Quote")).hasSize(1);
            assertThat(runtime.store().deadLetters().list(FLOW, false)).isEmpty();
        }
    }

}
