package io.cebridge.flow.orderhistory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cebridge.it.BridgeHarness;
import io.cebridge.it.FakeSalesforceWrites;
import io.cebridge.it.TestErp;
import io.cebridge.runtime.BridgeRuntime;
import io.cebridge.store.DeadLetter;
import io.cebridge.store.StateStore;
import io.cebridge.store.XrefEntry;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

// Guards: ERP orders/invoices lost, doubled, rounded or detached from their account on the way to the CRM; documents
// of unlinked customers dropped instead of waiting; a CRM rejection taking its batch down with it.
class OrderInvoiceHistoryIT {
    private static final String C1 = "001000000000001AAA";
    private static final String C2 = "001000000000002AAA";
    private static final String C3 = "001000000000003AAA";

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(value = TestErp.Kind.class, names = {"H2", "POSTGRESQL"})
    void ordersAndInvoicesReachTheCrmExactlyOnceLinkedToTheirAccount(TestErp.Kind kind) throws Exception {
        try (TestErp erp = TestErp.create(kind, tmp, true); FakeSalesforceWrites crm = new FakeSalesforceWrites()) {
            List<String> customers = customersWithMostOrders(erp, 3);
            BridgeHarness h = new BridgeHarness(tmp.resolve("data"), crm.baseUrl(), "s3cret", erp);
            h.overrides.put("bridge.flows.customer-master.enabled", "false");
            h.overrides.put("bridge.flows.order-invoice-history.enabled", "true");
            h.overrides.put("bridge.flows.order-invoice-history.poll-interval", "1s");
            link(h, Map.of(C1, customers.get(0), C2, customers.get(1)));
            String rejected = firstInvoiceOf(erp, customers.get(1));
            crm.rejectWhen(r -> rejected.equals(r.path("ERP_Invoice_No__c").asText(null)));

            Map<String, String> expectedOrders = totals(erp, "SELECT order_no, total_amount FROM erp_sales_order"
                    + " WHERE customer_no IN (" + customers.get(0) + ", " + customers.get(1) + ")");
            Map<String, String> expectedInvoices = totals(erp, "SELECT invoice_no, total_amount FROM erp_invoice"
                    + " WHERE customer_no IN (" + customers.get(0) + ", " + customers.get(1) + ")");
            expectedInvoices.remove(rejected);
            int expectedOrderLines = count(erp, "SELECT COUNT(*) FROM erp_sales_order_line l JOIN erp_sales_order o"
                    + " ON o.order_no = l.order_no WHERE o.customer_no IN (" + customers.get(0) + ", " + customers.get(1) + ")");
            int waitingDocs = count(erp, "SELECT (SELECT COUNT(*) FROM erp_sales_order) + (SELECT COUNT(*) FROM erp_invoice)")
                    - expectedOrders.size() - expectedInvoices.size() - 1;

            try (BridgeRuntime runtime = new BridgeRuntime(h.config(), false).start()) {
                await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> assertThat(List.of(
                        crm.of("ERP_Sales_Order__c").size(), crm.of("ERP_Invoice__c").size(),
                        letters(runtime, "CUSTOMER_NOT_LINKED"), letters(runtime, "CRM_REJECTED")))
                        .isEqualTo(List.of(expectedOrders.size(), expectedInvoices.size(), (long) waitingDocs, 1L)));
                // exact decimals, linked to the right account
                crm.of("ERP_Sales_Order__c").forEach((no, r) -> {
                    assertThat(r.get("Total_Amount__c").decimalValue()).isEqualByComparingTo(expectedOrders.get(no));
                    assertThat(r.get("Total_Amount__c").toString()).isEqualTo(expectedOrders.get(no));
                });
                crm.of("ERP_Invoice__c").forEach((no, r) ->
                        assertThat(r.get("Total_Amount__c").toString()).isEqualTo(expectedInvoices.get(no)));
                assertThat(crm.of("ERP_Sales_Order__c").values()).extracting(r -> r.get("Account__c").asText())
                        .containsOnly(C1, C2);
                assertThat(crm.of("ERP_Sales_Order_Line__c")).hasSize(expectedOrderLines);
                assertThat(crm.of("ERP_Sales_Order_Line__c").values()).allSatisfy(l ->
                        assertThat(expectedOrders).containsKey(l.path("Sales_Order__r").path("ERP_Order_No__c").asText()));
                // the rejected invoice is dead-lettered with the CRM's words; its lines were not sent without it
                List<DeadLetter> letters = runtime.store().deadLetters().list("order-invoice-history", false);
                assertThat(letters).filteredOn(d -> d.reasonCode().equals("CRM_REJECTED")).singleElement()
                        .satisfies(d -> {
                            assertThat(d.sourceId()).isEqualTo("invoice:" + rejected);
                            assertThat(d.reason()).contains("FIELD_CUSTOM_VALIDATION_EXCEPTION")
                                    .contains("Rejected by a validation rule of the test");
                        });
                assertThat(crm.writes).noneMatch(w -> w.path("Invoice__r").path("ERP_Invoice_No__c").asText("")
                        .equals(rejected));
                assertThat(letters).filteredOn(d -> d.reasonCode().equals("CUSTOMER_NOT_LINKED")).hasSize(waitingDocs);

                // re-reads (look-back, next polls) send nothing again
                int writesBefore = crm.writes.size();
                long cycles = runtime.stats().of("order-invoice-history").pollCycles.get();
                await().atMost(Duration.ofSeconds(30)).until(() ->
                        runtime.stats().of("order-invoice-history").pollCycles.get() >= cycles + 3);
                assertThat(crm.writes).hasSize(writesBefore);

                // a cancellation and a line change propagate; only that document is sent again
                String order = expectedOrders.keySet().iterator().next();
                erp.execute("UPDATE erp_sales_order SET status = 'CANCELLED', updated_at = CURRENT_TIMESTAMP"
                        + " WHERE order_no = '" + order + "'");
                erp.execute("UPDATE erp_sales_order_line SET shipped_quantity = 0, updated_at = CURRENT_TIMESTAMP"
                        + " WHERE order_no = '" + order + "' AND line_no = 1");
                // two autocommit statements: a poll may see the first alone, so the document may arrive twice
                await().atMost(Duration.ofSeconds(30)).until(() ->
                        "CANCELLED".equals(crm.of("ERP_Sales_Order__c").get(order).path("Status__c").asText())
                                && crm.of("ERP_Sales_Order_Line__c").get(order + "/1").get("Shipped_Quantity__c")
                                .decimalValue().signum() == 0);
                assertThat(crm.writes.subList(writesBefore, crm.writes.size())).allSatisfy(w ->
                        assertThat(w.path("ERP_Order_No__c").asText(w.path("Sales_Order__r").path("ERP_Order_No__c")
                                .asText())).isEqualTo(order));

                // a customer linked later: its waiting documents go through without anything changing in the ERP
                runtime.store().xref().upsert("customer", List.of(new XrefEntry(C3, customers.get(2),
                        "2026-01-01T00:00:00.000Z")));
                int third = count(erp, "SELECT COUNT(*) FROM erp_sales_order WHERE customer_no = " + customers.get(2));
                await().atMost(Duration.ofSeconds(60)).until(() -> crm.of("ERP_Sales_Order__c").values().stream()
                        .filter(r -> C3.equals(r.path("Account__c").asText())).count() == third);
            }
            assertThat(crm.of("ERP_Sales_Order__c").values().stream().map(r -> r.get("Id").asText()).distinct().count())
                    .isEqualTo(crm.of("ERP_Sales_Order__c").size());
        }
    }

    private static long letters(BridgeRuntime runtime, String reasonCode) throws Exception {
        return runtime.store().deadLetters().list("order-invoice-history", false).stream()
                .filter(d -> d.reasonCode().equals(reasonCode)).count();
    }

    private static void link(BridgeHarness h, Map<String, String> crmToErp) throws Exception {
        try (StateStore store = StateStore.open(h.config(), 2)) {
            List<XrefEntry> entries = new ArrayList<>();
            crmToErp.forEach((crm, erp) -> entries.add(new XrefEntry(crm, erp, "2026-01-01T00:00:00.000Z")));
            store.xref().upsert("customer", entries);
        }
    }

    private static List<String> customersWithMostOrders(TestErp erp, int n) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = erp.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT customer_no, COUNT(*) FROM erp_sales_order GROUP BY customer_no"
                     + " ORDER BY COUNT(*) DESC, customer_no")) {
            while (rs.next() && out.size() < n) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static String firstInvoiceOf(TestErp erp, String customer) throws Exception {
        return totals(erp, "SELECT invoice_no, total_amount FROM erp_invoice WHERE customer_no = " + customer
                + " ORDER BY invoice_no").keySet().iterator().next();
    }

    private static Map<String, String> totals(TestErp erp, String sql) throws Exception {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        try (Connection c = erp.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                BigDecimal v = rs.getBigDecimal(2);
                out.put(rs.getString(1), v.toPlainString());
            }
        }
        return out;
    }

    private static int count(TestErp erp, String sql) throws Exception {
        try (Connection c = erp.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

}
