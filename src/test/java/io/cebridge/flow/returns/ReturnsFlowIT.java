package io.cebridge.flow.returns;

import static org.assertj.core.api.Assertions.assertThat;
import static io.cebridge.it.DemoRecords.field;
import static org.awaitility.Awaitility.await;

import io.cebridge.demo.DemoAccountStore;
import io.cebridge.demo.DemoObjectStore;
import io.cebridge.demo.DemoSalesforceServer;
import io.cebridge.it.BridgeHarness;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The returns and return-status flows (routes/returns.yaml, routes/return-status.yaml and their mappings), end to end
 * on the real runtime against the demo Salesforce API and the reference ERP on H2, PostgreSQL and MariaDB.
 */
class ReturnsFlowIT {
    @TempDir
    Path tmp;
    private DemoSalesforceServer crm;
    private TestErp erp;
    private DemoObjectStore objects;
    private DemoAccountStore accounts;
    private String account;

    @AfterEach
    void tearDown() throws Exception {
        if (crm != null) {
            crm.close();
        }
        if (erp != null) {
            erp.close();
        }
    }

    // Guards: a return of more than was invoiced, of another customer's order or of a line that does not exist
    // reaching the ERP; a return made twice; its status, received quantity and refund never coming back to the case.
    @ParameterizedTest
    @EnumSource(TestErp.Kind.class)
    void aReturnCaseBecomesOneErpReturnWithinWhatWasInvoicedAndItsRefundComesBack(TestErp.Kind kind) throws Exception {
        try (BridgeRuntime runtime = start(kind, "customer-master", "returns", "return-status")) {
            String customer = String.valueOf(accounts.get(account).orElseThrow().get("ERP_Customer_No__c"));
            long other = erp.scalar("SELECT MIN(customer_no) FROM erp_customer WHERE customer_no <> " + customer);
            order("SO-RMA-1", customer);
            orderLine("SO-RMA-1", 1, "S10_1678", "5", "20", "10", "90.00");
            orderLine("SO-RMA-1", 2, "S10_1949", "2", "50", "0", "100.00");
            erp.execute("INSERT INTO erp_invoice (invoice_no, customer_no, order_no, invoice_date, due_date, currency,"
                    + " net_amount, tax_amount, total_amount) VALUES ('INV-RMA-1', " + customer + ", 'SO-RMA-1',"
                    + " DATE '2026-11-01', DATE '2026-12-01', 'USD', 172.00, 0, 172.00)");
            invoiceLine("INV-RMA-1", 1, "SO-RMA-1", 1, "S10_1678", "4", "72.00");
            invoiceLine("INV-RMA-1", 2, "SO-RMA-1", 2, "S10_1949", "2", "100.00");
            // one piece of line 1 was returned already, by hand in the ERP
            erp.execute("INSERT INTO erp_return_order (return_no, customer_no, order_no, request_date, status, currency)"
                    + " VALUES ('RMA-HAND-1', " + customer + ", 'SO-RMA-1', DATE '2026-11-10', 'REFUNDED', 'USD')");
            erp.execute("INSERT INTO erp_return_line (return_no, line_no, order_line_no, product_code, quantity,"
                    + " unit_price, line_amount) VALUES ('RMA-HAND-1', 1, 1, 'S10_1678', 1, 20, 18.00)");
            order("SO-RMA-2", String.valueOf(other));
            orderLine("SO-RMA-2", 1, "S10_1678", "1", "20", "0", "20.00");

            // 3 of line 1 (4 invoiced - 1 returned) and 1 of line 2: goes through
            String good = returnCase("00001001", account);
            String l1 = returnLine(good, "SO-RMA-1", 1, "3");
            returnLine(good, "SO-RMA-1", 2, "1");
            String tooMany = returnCase("00001002", account);
            returnLine(tooMany, "SO-RMA-1", 1, "4");
            String foreign = returnCase("00001003", account);
            returnLine(foreign, "SO-RMA-2", 1, "1");
            String unknown = returnCase("00001004", account);
            returnLine(unknown, "SO-RMA-1", 9, "1");

            await().atMost(Duration.ofSeconds(60)).until(() -> erp.scalar(
                    "SELECT COUNT(*) FROM erp_return_order WHERE crm_case_id = '" + good + "'") == 1
                    && field(objects, "Case", good, "ERP_Return_No__c") != null);
            Map<String, Object> rma = erp.row("SELECT * FROM erp_return_order WHERE crm_case_id = '" + good + "'");
            String returnNo = rma.get("return_no").toString();
            assertThat(returnNo).startsWith("RMA-");
            assertThat(field(objects, "Case", good, "ERP_Return_No__c")).isEqualTo(returnNo);
            assertThat(rma.get("order_no")).isEqualTo("SO-RMA-1");
            assertThat(rma.get("status")).isEqualTo("REQUESTED");
            Map<String, Object> line1 = erp.row("SELECT * FROM erp_return_line WHERE crm_line_id = '" + l1 + "'");
            assertThat((BigDecimal) line1.get("quantity")).isEqualByComparingTo("3");
            assertThat((BigDecimal) line1.get("line_amount")).as("3 x 20 less 10 %").isEqualByComparingTo("54.00");
            assertThat(erp.scalar("SELECT COUNT(*) FROM erp_return_line WHERE return_no = '" + returnNo + "'")).isEqualTo(2);

            Map<String, DeadLetter> letters = new LinkedHashMap<>();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                letters.clear();
                runtime.store().deadLetters().list("returns", false).forEach(d -> letters.put(d.sourceId(), d));
                assertThat(letters).containsKeys(tooMany, foreign, unknown);
            });
            assertThat(letters.get(tooMany).reasonCode()).isEqualTo("RETURN_EXCEEDS_INVOICED");
            assertThat(letters.get(tooMany).reason()).contains("returns 4 of order SO-RMA-1 line 1")
                    .contains("of which 4 were invoiced and 1 already returned");
            assertThat(letters.get(foreign).reasonCode()).isEqualTo("ORDER_OF_ANOTHER_CUSTOMER");
            assertThat(letters.get(unknown).reasonCode()).isEqualTo("ORDER_LINE_UNKNOWN");
            assertThat(erp.scalar("SELECT COUNT(*) FROM erp_return_order WHERE crm_case_id IS NOT NULL")).isEqualTo(1);

            // the ERP receives and refunds: the case shows it
            erp.execute("UPDATE erp_return_line SET received_quantity = quantity, updated_at = CURRENT_TIMESTAMP"
                    + " WHERE return_no = '" + returnNo + "'");
            erp.execute("UPDATE erp_return_order SET status = 'REFUNDED', received_date = DATE '2026-11-28',"
                    + " refund_amount = 104.00, updated_at = CURRENT_TIMESTAMP WHERE return_no = '" + returnNo + "'");
            await().atMost(Duration.ofSeconds(60)).until(() -> "Refunded".equals(field(objects, "Case", good,
                    "ERP_Return_Status__c")));
            assertThat(new BigDecimal(field(objects, "Case", good, "Refund_Amount__c").toString())).isEqualByComparingTo("104.00");
            assertThat(new BigDecimal(field(objects, "Case", good, "Received_Quantity__c").toString())).isEqualByComparingTo("4");
        }
    }

    // Guards: two cases returning the same order line, each within what was invoiced on its own, together returning
    // more than was invoiced because both were checked against the ERP as it was before either was written.
    @ParameterizedTest
    @EnumSource(value = TestErp.Kind.class, names = {"H2", "MARIADB"})
    void twoReturnsOfOneLineArrivingTogetherNeverExceedWhatWasInvoiced(TestErp.Kind kind) throws Exception {
        try (BridgeRuntime runtime = start(kind, "customer-master", "returns")) {
            String customer = String.valueOf(accounts.get(account).orElseThrow().get("ERP_Customer_No__c"));
            order("SO-RMA-9", customer);
            orderLine("SO-RMA-9", 1, "S10_1678", "5", "20", "0", "100.00");
            erp.execute("INSERT INTO erp_invoice (invoice_no, customer_no, order_no, invoice_date, due_date, currency,"
                    + " net_amount, tax_amount, total_amount) VALUES ('INV-RMA-9', " + customer + ", 'SO-RMA-9',"
                    + " DATE '2026-11-01', DATE '2026-12-01', 'USD', 80.00, 0, 80.00)");
            invoiceLine("INV-RMA-9", 1, "SO-RMA-9", 1, "S10_1678", "4", "80.00");
            // 3 + 3 of 4 invoiced: each fits alone, not both; read in one poll, delivered in one batch
            String first = returnCase("00002001", account);
            String second = returnCase("00002002", account);
            returnLine(first, "SO-RMA-9", 1, "3");
            returnLine(second, "SO-RMA-9", 1, "3");

            await().atMost(Duration.ofSeconds(60)).until(() -> erp.scalar("SELECT COUNT(*) FROM erp_return_order"
                    + " WHERE crm_case_id IS NOT NULL") == 1 && !runtime.store().deadLetters().list("returns", false).isEmpty());
            assertThat(erp.scalar("SELECT SUM(rl.quantity) FROM erp_return_line rl JOIN erp_return_order ro"
                    + " ON ro.return_no = rl.return_no WHERE ro.order_no = 'SO-RMA-9'")).isEqualTo(3);
            List<DeadLetter> letters = runtime.store().deadLetters().list("returns", false);
            assertThat(letters).hasSize(1);
            assertThat(letters.get(0).sourceId()).isIn(first, second);
            assertThat(letters.get(0).reasonCode()).isEqualTo("RETURN_EXCEEDS_INVOICED");
            System.out.println("ReturnsFlowIT: the second return was refused by: " + letters.get(0).reason());
            assertThat(letters.get(0).reason()).contains("SO-RMA-9");
        }
    }

    /** The demo CRM and a seeded reference ERP of this kind, the runtime with these flows, Alfreds Futterkiste linked. */
    private BridgeRuntime start(TestErp.Kind kind, String... flows) throws Exception {
        accounts = DemoAccountStore.seeded(Clock.systemUTC());
        objects = new DemoObjectStore(Clock.systemUTC());
        account = DemoRecords.accountId(accounts, "Alfreds Futterkiste");
        erp = TestErp.create(kind, tmp, true);
        crm = new DemoSalesforceServer(accounts, objects, "it-client", "it-secret");
        crm.start(0);
        BridgeHarness bridge = new BridgeHarness(tmp.resolve("data"), crm.loginUrl(), "it-secret", erp);
        bridge.enable(flows);
        BridgeRuntime runtime = new BridgeRuntime(bridge.config(), false).start();
        await().atMost(Duration.ofSeconds(90)).until(() -> accounts.get(account).orElseThrow()
                .get("ERP_Customer_No__c") != null);
        return runtime;
    }

    private void order(String no, String customer) throws Exception {
        erp.execute("INSERT INTO erp_sales_order (order_no, customer_no, status, currency, total_amount) VALUES ('" + no
                + "', " + customer + ", 'SHIPPED', 'USD', 0)");
    }

    private void orderLine(String no, int line, String product, String qty, String price, String discount,
                           String amount) throws Exception {
        erp.execute("INSERT INTO erp_sales_order_line (order_no, line_no, product_code, quantity, unit_price,"
                + " discount_percent, line_amount) VALUES ('" + no + "', " + line + ", '" + product + "', " + qty + ", "
                + price + ", " + discount + ", " + amount + ")");
    }

    private void invoiceLine(String invoice, int line, String order, int orderLine, String product, String qty,
                             String amount) throws Exception {
        erp.execute("INSERT INTO erp_invoice_line (invoice_no, line_no, order_no, order_line_no, product_code, quantity,"
                + " unit_price, line_amount) VALUES ('" + invoice + "', " + line + ", '" + order + "', " + orderLine
                + ", '" + product + "', " + qty + ", 1, " + amount + ")");
    }

    private String returnCase(String number, String account) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("CaseNumber", number);
        c.put("AccountId", account);
        c.put("Type", "Return");
        c.put("Status", "New");
        c.put("Reason", "Damaged in transit");
        c.put("Description", null);
        c.put("ERP_Return_No__c", null);
        return objects.seed("Case", c);
    }

    private String returnLine(String caseId, String order, int orderLine, String quantity) {
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("Case__c", caseId);
        l.put("Name", "RL-" + orderLine);
        l.put("ERP_Order_No__c", order);
        l.put("Order_Line_No__c", orderLine);
        l.put("Product_Code__c", null);
        l.put("Quantity__c", new BigDecimal(quantity));
        l.put("Reason__c", null);
        return objects.seed("Return_Line__c", l);
    }

}
