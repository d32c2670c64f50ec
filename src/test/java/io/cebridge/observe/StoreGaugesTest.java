package io.cebridge.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cebridge.config.BridgeConfig;
import io.cebridge.store.DeadLetter;
import io.cebridge.store.StateStore;
import io.cebridge.store.Watermark;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store gauges count what `dlq list` would show as not resolved, and name each watermark's flow and source. */
class StoreGaugesTest {
    @TempDir
    Path tmp;

    private StateStore open() {
        return StateStore.open(BridgeConfig.load(null, Map.of(), new Properties(),
                Map.of("bridge.data-dir", tmp.resolve("data").toString())), 2);
    }

    @Test
    void openDeadLettersAreCountedByFlowAndReasonAndResolvedOnesAreNot() throws Exception {
        try (StateStore store = open()) {
            for (String id : List.of("001A", "001B", "001C")) {
                store.deadLetters().record(DeadLetter.failure("customer-master", "map", id, "v1", "USCC_FORMAT", "bad", "{}"));
            }
            store.deadLetters().record(DeadLetter.failure("customer-master", "link", "001D", "v1", "PARENT_NOT_LINKED", "w", "{}"));
            store.deadLetters().record(DeadLetter.failure("order-status", "write", "SO-1", "v1", "CRM_REJECTED", "no", "{}"));
            store.deadLetters().resolveDelivered("customer-master", "001C", "v2");

            Map<List<String>, Long> open = new StoreGauges(store.dataSource(), Clock.systemUTC()).openDeadLetters();

            assertThat(open).containsOnly(
                    Map.entry(List.of("customer-master", "USCC_FORMAT"), 2L),
                    Map.entry(List.of("customer-master", "PARENT_NOT_LINKED"), 1L),
                    Map.entry(List.of("order-status", "CRM_REJECTED"), 1L));
        }
    }

    @Test
    void watermarkAgesNameTheFlowAndTheSource() throws Exception {
        try (StateStore store = open()) {
            store.watermarks().save("customer-master", new Watermark("2026-01-02T00:00:00.000Z", "001A"));
            store.watermarks().save("order-status/erp_sales_order", new Watermark("2026-01-02T00:00:00", "[1]"));
            store.watermarks().save("order-status/refresh", new Watermark("2026-01-02", ""));

            Clock anHourLater = Clock.offset(Clock.systemUTC(), Duration.ofHours(1));
            Map<List<String>, Double> ages = new StoreGauges(store.dataSource(), anHourLater).watermarkAges();

            assertThat(ages).containsOnlyKeys(List.of("customer-master", "crm"),
                    List.of("order-status", "erp_sales_order"), List.of("order-status", "refresh"));
            ages.values().forEach(age -> assertThat(age).isCloseTo(3600.0, within(60.0)));
        }
    }

    @Test
    void theOutboxIsCountedByFlowWithTheAgeOfItsOldestWriteBack() throws Exception {
        try (StateStore store = open()) {
            java.time.Instant now = java.time.Instant.now();
            List<io.cebridge.store.OutboxEntry> rows = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                rows.add(new io.cebridge.store.OutboxEntry("customer-master", "Account", "001A" + i, "{}", "001A" + i,
                        "v1", "{}", now.minus(Duration.ofMinutes(10 - i))));
            }
            rows.add(new io.cebridge.store.OutboxEntry("quote-to-order", "Opportunity", "006A", "{}", "0Q0A", "v1", "{}",
                    now));
            store.outbox().add(rows);

            Map<String, double[]> outbox = new StoreGauges(store.dataSource(), Clock.systemUTC()).outbox();

            assertThat(outbox).containsOnlyKeys("customer-master", "quote-to-order");
            assertThat(outbox.get("customer-master")[0]).isEqualTo(3.0);
            assertThat(outbox.get("customer-master")[1]).as("the oldest, 10 minutes").isCloseTo(600.0, within(60.0));
            assertThat(outbox.get("quote-to-order")[0]).isEqualTo(1.0);
        }
    }
}
