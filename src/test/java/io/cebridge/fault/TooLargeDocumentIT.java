package io.cebridge.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cebridge.it.BridgeHarness;
import io.cebridge.it.FakeSalesforceWrites;
import io.cebridge.it.TestErp;
import io.cebridge.runtime.BridgeRuntime;
import io.cebridge.store.DeadLetter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// Guards: a document larger than one Kafka message (a 10,000-line order) failing its page with RecordTooLargeException on every poll instead of being dead-lettered TOO_LARGE with its size and the limit while the other documents go through.
class TooLargeDocumentIT {
    private static final int LINES = 10_000;

    @TempDir
    Path tmp;

    @Test
    void aDocumentTooLargeForOneKafkaMessageIsDeadLetteredAndTheOthersArrive() throws Exception {
        try (TestErp erp = TestErp.create(TestErp.Kind.H2, tmp, true); FakeSalesforceWrites crm = new FakeSalesforceWrites()) {
            String customer = erp.column("SELECT customer_no FROM erp_sales_order GROUP BY customer_no"
                    + " ORDER BY COUNT(*) DESC, customer_no").get(0);
            List<String> orders = erp.column("SELECT order_no FROM erp_sales_order WHERE customer_no = " + customer
                    + " ORDER BY order_no");
            erp.execute("INSERT INTO erp_sales_order_line (order_no, line_no, product_code, quantity, unit_price,"
                    + " line_amount) SELECT '" + orders.get(0) + "', 100000 + X, (SELECT MIN(product_code) FROM"
                    + " erp_product), 1, 1, 1 FROM SYSTEM_RANGE(1, " + LINES + ")");
            assertThat(orders).hasSizeGreaterThan(1);
            String huge = orders.get(0);
            BridgeHarness h = new BridgeHarness(tmp.resolve("data"), crm.baseUrl(), "s3cret", erp);
            h.overrides.put("bridge.flows.customer-master.enabled", "false");
            h.enable("order-invoice-history").link("001000000000001AAA", customer);
            try (BridgeRuntime runtime = new BridgeRuntime(h.config(), false).start()) {
                await().atMost(Duration.ofMinutes(2)).until(() ->
                        crm.of("ERP_Sales_Order__c").keySet().containsAll(orders.subList(1, orders.size()))
                                && tooLarge(runtime).isPresent());
                DeadLetter d = tooLarge(runtime).orElseThrow();
                assertThat(d.sourceId()).isEqualTo("sales-order:" + huge);
                assertThat(d.reason()).contains("sales-order document " + huge).containsPattern("is \\d{7,} bytes")
                        .contains("the limit is 1048576 bytes").contains("max.request.size");
                assertThat(crm.of("ERP_Sales_Order__c")).doesNotContainKey(huge);
            }
        }
    }

    private static java.util.Optional<DeadLetter> tooLarge(BridgeRuntime runtime) throws Exception {
        return runtime.store().deadLetters().list("order-invoice-history", false).stream()
                .filter(d -> d.reasonCode().equals("TOO_LARGE")).findFirst();
    }
}
