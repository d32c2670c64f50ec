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

// Guards: a document larger than one Kafka message (a 10,000-line order) failing its page with RecordTooLargeException on every poll instead of being dead-lettered TOO_LARGE once (a re-read adds no attempt) while the other documents go through; bridge.kafka.max-message-size raising the producer's limit but not the topic's.
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
            // a restart re-reads the look-back window: the unchanged document is found again, and must not add attempts
            try (BridgeRuntime runtime = new BridgeRuntime(h.config(), false).start()) {
                await().atMost(Duration.ofMinutes(1)).until(() ->
                        runtime.stats().of("order-invoice-history").pollCycles.get() >= 3);
                DeadLetter d = tooLarge(runtime).orElseThrow();
                assertThat(d.attempts()).as("an unchanged document re-read adds no attempt").isEqualTo(1);
                assertThat(runtime.store().deadLetters().list("order-invoice-history", false).stream()
                        .filter(l -> l.reasonCode().equals("TOO_LARGE")).count()).isEqualTo(1);
            }
        }
    }

    @Test
    void oneSettingRaisesTheLimitOfTheProducerAndTheTopicAlike() throws Exception {
        try (TestErp erp = TestErp.create(TestErp.Kind.H2, tmp, true); FakeSalesforceWrites crm = new FakeSalesforceWrites()) {
            String customer = erp.column("SELECT customer_no FROM erp_sales_order GROUP BY customer_no"
                    + " ORDER BY COUNT(*) DESC, customer_no").get(0);
            String huge = erp.column("SELECT order_no FROM erp_sales_order WHERE customer_no = " + customer
                    + " ORDER BY order_no").get(0);
            erp.execute("INSERT INTO erp_sales_order_line (order_no, line_no, product_code, quantity, unit_price,"
                    + " line_amount) SELECT '" + huge + "', 100000 + X, (SELECT MIN(product_code) FROM"
                    + " erp_product), 1, 1, 1 FROM SYSTEM_RANGE(1, " + LINES + ")");
            BridgeHarness h = new BridgeHarness(tmp.resolve("data"), crm.baseUrl(), "s3cret", erp);
            h.overrides.put("bridge.flows.customer-master.enabled", "false");
            h.overrides.put("bridge.kafka.max-message-size", Integer.toString(8 * 1024 * 1024));
            h.enable("order-invoice-history").link("001000000000001AAA", customer);
            try (BridgeRuntime runtime = new BridgeRuntime(h.config(), false).start()) {
                // the shared broker's own limit is Kafka's default (about 1 MB): only the topic's setting lets it in
                await().atMost(Duration.ofMinutes(2)).until(() -> crm.of("ERP_Sales_Order__c").containsKey(huge));
                assertThat(tooLarge(runtime)).isEmpty();
            }
        }
    }

    private static java.util.Optional<DeadLetter> tooLarge(BridgeRuntime runtime) throws Exception {
        return runtime.store().deadLetters().list("order-invoice-history", false).stream()
                .filter(d -> d.reasonCode().equals("TOO_LARGE")).findFirst();
    }
}
