package io.cebridge.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cebridge.it.BridgeHarness;
import io.cebridge.it.FakeSalesforceWrites;
import io.cebridge.it.TestErp;
import io.cebridge.runtime.BridgeRuntime;
import io.cebridge.store.DeadLetter;
import io.cebridge.store.StateStore;
import io.cebridge.store.XrefEntry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// Guards: hostile ERP rows (MariaDB zero dates, quotes / SQL / emoji in text) blocking an ERP -> CRM flow, being
// changed on the way, or a zero date silently sent to the CRM as "no date".
class ErpHostileRowsIT {
    private static final String HOSTILE_REMARK = "O'Brien \"rush\" 🚚; DROP TABLE erp_invoice;-- 龘 ${jndi:x}";

    @TempDir
    Path tmp;

    @Test
    void zeroDatesAreDeadLetteredWithTheColumnAndHostileTextArrivesIntact() throws Exception {
        try (TestErp erp = TestErp.create(TestErp.Kind.MARIADB, tmp, true); FakeSalesforceWrites crm = new FakeSalesforceWrites()) {
            String customer;
            List<String> invoices = new ArrayList<>();
            String order;
            try (Connection c = erp.dataSource().getConnection(); Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT customer_no FROM erp_invoice GROUP BY customer_no"
                        + " ORDER BY COUNT(*) DESC, customer_no LIMIT 1")) {
                    rs.next();
                    customer = rs.getString(1);
                }
                try (ResultSet rs = s.executeQuery("SELECT invoice_no FROM erp_invoice WHERE customer_no = " + customer
                        + " ORDER BY invoice_no")) {
                    while (rs.next()) {
                        invoices.add(rs.getString(1));
                    }
                }
                try (ResultSet rs = s.executeQuery("SELECT MIN(order_no) FROM erp_sales_order WHERE customer_no = "
                        + customer)) {
                    rs.next();
                    order = rs.getString(1);
                }
                // a legacy MySQL-style ERP: zero dates are allowed in this session, as old applications write them
                s.execute("SET SESSION sql_mode = ''");
                s.execute("UPDATE erp_invoice SET due_date = '0000-00-00' WHERE invoice_no = '" + invoices.get(0) + "'");
                try (PreparedStatement ps = c.prepareStatement("UPDATE erp_sales_order SET remarks = ? WHERE order_no = ?")) {
                    ps.setString(1, HOSTILE_REMARK);
                    ps.setString(2, order);
                    ps.executeUpdate();
                }
            }
            BridgeHarness h = new BridgeHarness(tmp.resolve("data"), crm.baseUrl(), "s3cret", erp);
            h.overrides.put("bridge.flows.customer-master.enabled", "false");
            h.overrides.put("bridge.flows.order-invoice-history.enabled", "true");
            h.overrides.put("bridge.flows.order-invoice-history.poll-interval", "1s");
            try (StateStore store = StateStore.open(h.config(), 2)) {
                store.xref().upsert("customer", List.of(new XrefEntry("001000000000001AAA", customer,
                        "2026-01-01T00:00:00.000Z")));
            }
            try (BridgeRuntime runtime = new BridgeRuntime(h.config(), false).start()) {
                await().atMost(Duration.ofMinutes(2)).until(() -> crm.of("ERP_Invoice__c").size() == invoices.size() - 1
                        && crm.of("ERP_Sales_Order__c").containsKey(order)
                        && letters(runtime).stream().anyMatch(d -> d.sourceId().equals("invoice:" + invoices.get(0))));
                DeadLetter zero = letters(runtime).stream().filter(d -> d.sourceId().equals("invoice:" + invoices.get(0)))
                        .findFirst().orElseThrow();
                assertThat(zero.reasonCode()).isEqualTo("SOURCE_DATA_PROBLEM");
                assertThat(zero.reason()).contains("due_date").contains("0000-00-00");
                assertThat(crm.of("ERP_Invoice__c")).doesNotContainKey(invoices.get(0));
                assertThat(crm.of("ERP_Sales_Order__c").get(order).get("Remarks__c").asText()).isEqualTo(HOSTILE_REMARK);
            }
        }
    }

    private static List<DeadLetter> letters(BridgeRuntime runtime) throws Exception {
        return runtime.store().deadLetters().list("order-invoice-history", false);
    }
}
