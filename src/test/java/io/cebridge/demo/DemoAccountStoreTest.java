package io.cebridge.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class DemoAccountStoreTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:15:30.123456Z"));
    private final DemoAccountStore store = DemoAccountStore.empty(clock);

    @Test
    void createAssignsSalesforceStyleIdAndMillisecondStamps() {
        Map<String, Object> created = store.create(Map.of("Name", "Acme"));

        assertThat((String) created.get("Id")).hasSize(18).startsWith("001");
        assertThat(created).containsEntry("CreatedDate", "2026-11-23T10:15:30.123+0000")
                .containsEntry("SystemModstamp", "2026-11-23T10:15:30.123+0000")
                .containsEntry("LastModifiedDate", "2026-11-23T10:15:30.123+0000")
                .containsEntry("LastModifiedById", "005000000000001AAA")
                .containsEntry("Name", "Acme")
                .containsEntry("ERP_Customer_No__c", null);
    }

    @Test
    void idsAreUniqueAndIncreasingWhileStampsMayBeEqual() {
        String previous = "";
        for (int i = 0; i < 100; i++) {
            Map<String, Object> created = store.create(Map.of("Name", "A" + i));
            String id = (String) created.get("Id");
            assertThat(id).isGreaterThan(previous);
            assertThat(created.get("SystemModstamp")).isEqualTo("2026-11-23T10:15:30.123+0000");
            previous = id;
        }
        assertThat(store.size()).isEqualTo(100);
    }

    @Test
    void createHonoursGivenUserAndDropsUnderscoreKeys() {
        Map<String, Object> fields = new HashMap<>();
        fields.put("Name", "Acme");
        fields.put("_demoNote", "annotation only");
        fields.put("LastModifiedById", "005000000000009AAA");

        Map<String, Object> created = store.create(fields);

        assertThat(created).doesNotContainKey("_demoNote").containsEntry("LastModifiedById", "005000000000009AAA");
    }

    @Test
    void createRejectsUnknownAndReadOnlyFields() {
        assertThatThrownBy(() -> store.create(Map.of("Name", "A", "Foo__c", "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Foo__c");
        assertThatThrownBy(() -> store.create(Map.of("Name", "A", "SystemModstamp", "x")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void updateBumpsStampsAndUserEvenForIntegrationWrites() {
        String id = (String) store.create(Map.of("Name", "Acme")).get("Id");
        clock.advance(Duration.ofMillis(5));

        Map<String, Object> updated = store.update(id, Map.of("ERP_Customer_No__c", "100001"), "005000000000002AAA");

        assertThat(updated).containsEntry("ERP_Customer_No__c", "100001")
                .containsEntry("SystemModstamp", "2026-11-23T10:15:30.128+0000")
                .containsEntry("LastModifiedDate", "2026-11-23T10:15:30.128+0000")
                .containsEntry("CreatedDate", "2026-11-23T10:15:30.123+0000")
                .containsEntry("LastModifiedById", "005000000000002AAA")
                .containsEntry("Name", "Acme");
        assertThat(store.get(id)).contains(updated);
    }

    @Test
    void updateOfUnknownIdThrows() {
        assertThatThrownBy(() -> store.update("001000000000zzzAAA", Map.of("Name", "x"), null))
                .isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void returnedRecordsAreCopies() {
        String id = (String) store.create(Map.of("Name", "Acme")).get("Id");
        store.get(id).orElseThrow().put("Name", "changed");
        store.all().get(0).put("Name", "changed");

        assertThat(store.get(id).orElseThrow()).containsEntry("Name", "Acme");
    }

    @Test
    void getAcceptsFifteenCharacterIds() {
        String id = (String) store.create(Map.of("Name", "Acme")).get("Id");

        assertThat(store.get(id.substring(0, 15))).isPresent();
        assertThat(store.get("nonsense")).isEmpty();
    }

    @Test
    void seededStoreHoldsNorthwindAndChineseAccounts() {
        DemoAccountStore seeded = DemoAccountStore.seeded(clock);
        List<Map<String, Object>> all = seeded.all();

        assertThat(all).hasSize(91 + 12);
        assertThat(all).allSatisfy(r -> assertThat(r.keySet()).noneMatch(k -> k.startsWith("_")));
        assertThat(all.stream().filter(r -> r.get("USCC__c") == null && !"Atlantis".equals(r.get("BillingCountry"))))
                .hasSize(91);
        assertThat(all).anySatisfy(r -> assertThat(r).containsEntry("Name", "Alfreds Futterkiste")
                .containsEntry("BillingCity", "Berlin").containsEntry("CurrencyIsoCode", "EUR"));
        assertThat(all).anySatisfy(r -> assertThat(r).containsEntry("Name", "Bon app'")
                .containsEntry("CurrencyIsoCode", "EUR"));
        assertThat(all).filteredOn(r -> "Venezuela".equals(r.get("BillingCountry")))
                .allSatisfy(r -> assertThat(r).containsEntry("CurrencyIsoCode", "USD"));
        assertThat(all).filteredOn(r -> "91330100799655058B".equals(r.get("USCC__c"))).hasSize(2);
        assertThat(all).anySatisfy(r -> assertThat(r).containsEntry("USCC__c", "９１１１０１０８５５１３８５０８２Ｑ")
                .containsEntry("Phone", "１３８１０００１２３４").containsEntry("Name", "小米科技有限责任公司  "));
        assertThat(all).anySatisfy(r -> assertThat(r).containsEntry("Name", "")
                .containsEntry("USCC__c", "91310115591693856A"));
        assertThat(all).anySatisfy(r -> assertThat((String) r.get("Name")).hasSize(120));
        assertThat(all).anySatisfy(r -> assertThat(r).containsEntry("CurrencyIsoCode", "cny"));
        assertThat(all).anySatisfy(r -> assertThat(r).containsEntry("BillingCountry", "Atlantis"));
        // All seeded at one instant: the demo must show connectors that stamps collide.
        assertThat(all).extracting(r -> r.get("SystemModstamp")).containsOnly("2026-11-23T10:15:30.123+0000");
    }
}
