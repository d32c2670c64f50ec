package io.cebridge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The demo store, its upsert planning and its SOQL binding, without HTTP. */
class DemoObjectStoreTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:15:30.000Z"));
    private final DemoAccountStore accounts = DemoAccountStore.empty(clock);
    private final DemoObjectStore store = new DemoObjectStore(clock);
    private final CollectionPlanner planner = new CollectionPlanner(accounts, store);

    @Test
    void idsCarryAPrefixPerTypeAndUpdatesRestampButKeepTheFirstSpellingOfAField() {
        String a = store.insert("ERP_Invoice__c", Map.of("Amount__c", BigDecimal.ONE), "005000000000002AAA");
        String b = store.insert("ERP_Order__c", Map.of("Total__c", BigDecimal.TEN), "005000000000002AAA");
        assertThat(a).startsWith("a00").hasSize(18);
        assertThat(b).startsWith("a01");
        clock.advance(Duration.ofSeconds(1));
        store.update("erp_invoice__c", a, Map.of("AMOUNT__C", new BigDecimal("2.50")), "005000000000002AAA");
        Map<String, Object> r = store.records("ERP_Invoice__c").get(0);
        assertThat(r).containsEntry("Amount__c", new BigDecimal("2.50")).doesNotContainKey("AMOUNT__C")
                .containsEntry("CreatedDate", "2026-11-23T10:15:30.000+0000")
                .containsEntry("SystemModstamp", "2026-11-23T10:15:31.000+0000");
        assertThat(store.counts()).containsExactly(Map.entry("ERP_Invoice__c", 1), Map.entry("ERP_Order__c", 1));
    }

    @Test
    void upsertPlansCreateThenUpdateAndReportsAMissingReference() {
        accounts.create(Map.of("Name", "Acme", "ERP_Customer_No__c", "100001"));
        List<PlannedWrite> plan = planner.upsert("ERP_Invoice__c", "ERP_Invoice_No__c", List.of(
                Map.of("ERP_Invoice_No__c", "INV-1", "Account__r", Map.of("ERP_Customer_No__c", "100001")),
                Map.of("ERP_Invoice_No__c", "INV-2", "Account__r", Map.of("ERP_Customer_No__c", "404"))));
        assertThat(plan.get(0).created()).isTrue();
        assertThat(plan.get(1).errors()).singleElement().satisfies(e -> {
            assertThat(e).containsEntry("statusCode", "INVALID_FIELD").containsEntry("message",
                    "Foreign key external ID: 404 not found for field ERP_Customer_No__c in entity Account");
        });
        String id = plan.get(0).apply().get();
        PlannedWrite again = planner.upsert("ERP_Invoice__c", "ERP_Invoice_No__c",
                List.of(Map.of("ERP_Invoice_No__c", "INV-1", "Status__c", "PAID"))).get(0);
        assertThat(again.created()).isFalse();
        assertThat(again.id()).isEqualTo(id);
        assertThat(again.errors()).isEmpty();
    }

    @Test
    void soqlFiltersByDateAndInListOnAGenericType() {
        store.insert("DatedConversionRate", Map.of("IsoCode", "CNY", "StartDate", "2024-03-01",
                "ConversionRate", new BigDecimal("7.2310")), null);
        store.insert("DatedConversionRate", Map.of("IsoCode", "EUR", "StartDate", "2024-02-01",
                "ConversionRate", new BigDecimal("0.9300")), null);
        store.insert("DatedConversionRate", Map.of("IsoCode", "EUR", "StartDate", "2024-03-01",
                "ConversionRate", new BigDecimal("0.9210")), null);
        QueryRows.Objects rows = (QueryRows.Objects) ObjectQueryBinder.bind(SoqlParser.parse(
                "SELECT Id, IsoCode, ConversionRate FROM DatedConversionRate WHERE StartDate = 2024-03-01"
                        + " AND IsoCode IN ('CNY', 'EUR', 'JPY') ORDER BY ConversionRate DESC LIMIT 5"), store).run();
        assertThat(rows.fields()).containsExactly("Id", "IsoCode", "ConversionRate");
        assertThat(rows.rows()).extracting(r -> r.get("ConversionRate"))
                .containsExactly(new BigDecimal("7.2310"), new BigDecimal("0.9210"));
    }
}
