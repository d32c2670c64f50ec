package io.cebridge.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.cebridge.demo.DemoAccountStore;
import io.cebridge.demo.DemoObjectStore;
import io.cebridge.demo.DemoSalesforceServer;
import io.cebridge.it.BridgeHarness;
import io.cebridge.it.Cli;
import io.cebridge.it.TestErp;
import io.cebridge.json.Json;
import io.cebridge.store.DeadLetter;
import io.cebridge.store.StateStore;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Guards: ERP documents deleted after delivery, or CRM copies of them edited by hand, going unnoticed by reconcile of
 * an ERP -> CRM document flow, and a repair that writes around the flow (or does not repair at all). Real runtime
 * (real Kafka), the demo CRM (which refuses what Salesforce refuses), the reference ERP on H2 (PostgreSQL: set the
 * EnumSource to it; it passes alone, but a second runtime-and-CLI run in one JVM found the embedded H2 store corrupted).
 */
class DocumentReconcileIT {
    private static final String FLOW = "order-invoice-history";
    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(value = TestErp.Kind.class, names = {"H2"})
    void reportsDeletedInvoicesAndAnOrderChangedInTheCrmThenRepairsTheOrderThroughTheFlow(TestErp.Kind kind)
            throws Exception {
        DemoAccountStore accounts = DemoAccountStore.seeded(Clock.systemUTC());
        DemoObjectStore objects = new DemoObjectStore(Clock.systemUTC());
        try (TestErp erp = TestErp.create(kind, tmp, true);
             DemoSalesforceServer crm = new DemoSalesforceServer(accounts, objects, "it-client", "it-secret")) {
            crm.start(0);
            List<String> customers = erp.column("SELECT customer_no FROM erp_invoice i WHERE NOT EXISTS (SELECT 1 FROM"
                    + " erp_return_order r WHERE r.invoice_no = i.invoice_no) GROUP BY customer_no"
                    + " ORDER BY COUNT(*) DESC, customer_no");
            List<String> accountIds = accounts.all().stream().map(a -> String.valueOf(a.get("Id"))).limit(2).toList();
            BridgeHarness bridge = new BridgeHarness(tmp.resolve("data"), crm.loginUrl(), "it-secret", erp);
            bridge.overrides.put("bridge.flows.customer-master.enabled", "false");
            bridge.enable(FLOW);
            bridge.link(accountIds.get(0), customers.get(0)).link(accountIds.get(1), customers.get(1));
            bridge.runOnce();
            long linkedOrders = erp.scalar("SELECT COUNT(*) FROM erp_sales_order WHERE customer_no IN ("
                    + customers.get(0) + ", " + customers.get(1) + ")");
            assertThat(objects.records("ERP_Sales_Order__c")).hasSize((int) linkedOrders);

            // before anything is touched, both sides agree (documents of unlinked customers wait: not compared)
            Cli agreed = cli(bridge, "reconcile", "--flow", FLOW);
            assertThat(agreed.exit).as(agreed.out).isZero();
            assertThat(agreed.out).contains("both sides agree").contains("only in CRM 0, only in ERP 0, different 0");

            List<String> gone = erp.column("SELECT invoice_no FROM erp_invoice i WHERE customer_no = " + customers.get(0)
                    + " AND NOT EXISTS (SELECT 1 FROM erp_return_order r WHERE r.invoice_no = i.invoice_no)"
                    + " ORDER BY invoice_no").subList(0, 2);
            String in = "('" + String.join("', '", gone) + "')";
            List<String> goneLines = erp.column("SELECT invoice_no || '/' || CAST(line_no AS VARCHAR(10))"
                    + " FROM erp_invoice_line WHERE invoice_no IN " + in);
            erp.execute("DELETE FROM erp_payment_allocation WHERE invoice_no IN " + in);
            erp.execute("DELETE FROM erp_ar_open_item WHERE invoice_no IN " + in);
            erp.execute("DELETE FROM erp_invoice_line WHERE invoice_no IN " + in);
            erp.execute("DELETE FROM erp_invoice WHERE invoice_no IN " + in);
            Map<String, Object> order = objects.records("ERP_Sales_Order__c").get(0);
            String orderNo = String.valueOf(order.get("ERP_Order_No__c"));
            BigDecimal total = new BigDecimal(String.valueOf(order.get("Total_Amount__c")));
            objects.seedUpdate("ERP_Sales_Order__c", String.valueOf(order.get("Id")),
                    Map.of("Total_Amount__c", total.add(new BigDecimal("0.01"))));

            Cli found = cli(bridge, "reconcile", "--flow", FLOW, "--json");
            assertThat(found.exit).as(found.out).isEqualTo(1);
            List<Map<String, Object>> disagreements = findings(Json.readMap(found.out.strip())).stream()
                    .filter(f -> !"DEAD_LETTERED".equals(f.get("kind"))).toList();
            assertThat(disagreements).filteredOn(f -> "ONLY_IN_CRM".equals(f.get("kind")))
                    .extracting(f -> f.get("erpNo"))
                    .containsExactlyInAnyOrderElementsOf(concat(gone, goneLines));
            assertThat(disagreements).filteredOn(f -> !"ONLY_IN_CRM".equals(f.get("kind"))).singleElement()
                    .satisfies(f -> {
                        assertThat(f.get("kind")).isEqualTo("DIFFERENT");
                        assertThat(f.get("erpNo")).isEqualTo("sales-order:" + orderNo);
                        assertThat(f.get("crmId")).isEqualTo(order.get("Id"));
                        assertThat(f.get("differences")).asList().singleElement().satisfies(d -> {
                            @SuppressWarnings("unchecked")
                            Map<String, Object> diff = (Map<String, Object>) d;
                            assertThat(diff.get("column")).isEqualTo("ERP_Sales_Order__c[" + orderNo + "].Total_Amount__c");
                            assertThat(new BigDecimal(String.valueOf(diff.get("crm"))))
                                    .isEqualByComparingTo(total.add(new BigDecimal("0.01")));
                            assertThat(new BigDecimal(String.valueOf(diff.get("erp")))).isEqualByComparingTo(total);
                        });
                    });
            Cli text = cli(bridge, "reconcile", "--flow", FLOW);
            assertThat(text.out).contains("only in CRM " + (gone.size() + goneLines.size()) + ", only in ERP 0, different 1");
            System.out.println("SAMPLE-DOCUMENTS-" + kind + "\n" + text.out);

            int writesBefore = objects.records("ERP_Invoice__c").size();
            Cli repaired = cli(bridge, "reconcile", "--flow", FLOW, "--repair");
            assertThat(repaired.out).contains("1 document(s) sent through " + FLOW + " again");
            // reconcile itself wrote nothing to the CRM, and deletes nothing there: the flow does the repair
            assertThat(objects.records("ERP_Sales_Order__c")).filteredOn(r -> orderNo.equals(r.get("ERP_Order_No__c")))
                    .singleElement().satisfies(r -> assertThat(new BigDecimal(String.valueOf(r.get("Total_Amount__c"))))
                            .isEqualByComparingTo(total.add(new BigDecimal("0.01"))));
            try (StateStore store = StateStore.open(bridge.config(), 2)) {
                assertThat(store.deadLetters().list(FLOW, false)).filteredOn(d -> d.reasonCode().equals(Repair.ACTION))
                        .extracting(DeadLetter::sourceId, DeadLetter::status)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("sales-order:" + orderNo,
                                DeadLetter.RETRY_REQUESTED));
            }

            bridge.runOnce();

            assertThat(objects.records("ERP_Sales_Order__c")).filteredOn(r -> orderNo.equals(r.get("ERP_Order_No__c")))
                    .singleElement().satisfies(r -> assertThat(new BigDecimal(String.valueOf(r.get("Total_Amount__c"))))
                            .isEqualByComparingTo(total));
            assertThat(objects.records("ERP_Invoice__c")).hasSize(writesBefore); // CRM records only in the CRM stay
            Cli after = cli(bridge, "reconcile", "--flow", FLOW);
            assertThat(after.exit).as(after.out).isEqualTo(1);
            assertThat(after.out).contains("only in CRM " + (gone.size() + goneLines.size()) + ", only in ERP 0, different 0");
            try (StateStore store = StateStore.open(bridge.config(), 2)) {
                assertThat(store.deadLetters().list(FLOW, false)).noneMatch(d -> d.reasonCode().equals(Repair.ACTION));
            }
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> findings(Map<String, Object> report) {
        return (List<Map<String, Object>>) report.get("findings");
    }

    /** The command as an operator runs it, with the harness's settings in a config directory. */
    private Cli cli(BridgeHarness bridge, String... args) throws Exception {
        return Cli.run(tmp.resolve("config"), bridge.overrides, args);
    }
}
