package io.cebridge.flow.exchangerates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cebridge.it.BridgeHarness;
import io.cebridge.it.FakeSalesforceWrites;
import io.cebridge.it.TestErp;
import io.cebridge.runtime.BridgeRuntime;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// Guards: ERP exchange rates rounded, duplicated on re-send or on a retried create that Salesforce had applied
// (DatedConversionRate has no external id), or non-corporate pairs turned into inexact inverse rates in the CRM.
class ExchangeRatesIT {
    @TempDir
    Path tmp;

    @Test
    void corporateRatesArriveExactlyAndAreUpdatedNeverDuplicated() throws Exception {
        try (TestErp erp = TestErp.create(TestErp.Kind.H2, tmp, true); FakeSalesforceWrites crm = new FakeSalesforceWrites()) {
            Map<String, String> expected = rates(erp); // IsoCode|StartDate -> rate as the ERP writes it
            assertThat(expected).isNotEmpty();
            try (BridgeRuntime runtime = new BridgeRuntime(harness(erp, crm, "data1").config(), false).start()) {
                long started = System.nanoTime();
                await().atMost(Duration.ofMinutes(2)).until(() -> crm.of("DatedConversionRate").size() == expected.size());
                System.out.printf("exchange-rates initial load: %d rates in %d ms%n", expected.size(),
                        (System.nanoTime() - started) / 1_000_000);
                assertThat(byKey(crm)).isEqualTo(expected);
                // only USD -> X rows: EUR->USD is not inverted, EUR->CNY is not crossed
                assertThat(crm.of("DatedConversionRate").values()).extracting(r -> r.get("IsoCode").asText())
                        .containsOnly("CNY");
                assertThat(runtime.store().deadLetters().list("exchange-rates", false)).isEmpty();

                // a changed rate updates the record that is there
                erp.execute("UPDATE erp_exchange_rate SET rate = 7.12345678, updated_at = CURRENT_TIMESTAMP"
                        + " WHERE from_currency = 'USD' AND to_currency = 'CNY' AND rate_date = DATE '2025-06-30'");
                expected.put("CNY|2025-06-30", "7.12345678");
                long changed = System.nanoTime();
                await().atMost(Duration.ofSeconds(30)).until(() -> byKey(crm).equals(expected));
                System.out.printf("exchange-rates change -> CRM: %d ms%n", (System.nanoTime() - changed) / 1_000_000);
                assertThat(crm.of("DatedConversionRate")).hasSize(expected.size());
            }
            // a second run with no memory of what was sent finds the records and updates them instead of creating
            int writes = crm.writes.size();
            try (BridgeRuntime runtime = new BridgeRuntime(harness(erp, crm, "data2").config(), false).start()) {
                await().atMost(Duration.ofMinutes(2)).until(() -> crm.writes.size() >= writes + expected.size());
                assertThat(crm.of("DatedConversionRate")).hasSize(expected.size());
                assertThat(crm.writes.subList(writes, crm.writes.size())).allSatisfy(w -> {
                    assertThat(w.has("Id")).isTrue();
                    assertThat(w.has("IsoCode")).isFalse(); // not updateable in Salesforce
                });
                assertThat(byKey(crm)).isEqualTo(expected);
            }
        }
    }

    @Test
    void aCreateAppliedButAnsweredAfterTheTimeoutIsFoundOnRetryNotCreatedAgain() throws Exception {
        try (TestErp erp = TestErp.create(TestErp.Kind.H2, tmp, true); FakeSalesforceWrites crm = new FakeSalesforceWrites()) {
            Map<String, String> expected = rates(erp);
            BridgeHarness h = harness(erp, crm, "data");
            h.overrides.put("bridge.crm.salesforce.timeout", "1500ms");
            h.overrides.put("bridge.retry.initial-delay", "50ms");
            h.overrides.put("bridge.retry.max-delay", "200ms");
            crm.delayAnswersOfNextWrites(1, 2500); // the first create is kept by the CRM, its answer comes too late

            h.runOnce();

            assertThat(byKey(crm)).isEqualTo(expected);
            assertThat(crm.idsIssued()).as("CRM Ids handed out: one per rate, none for a second create")
                    .isEqualTo(expected.size());
            assertThat(crm.queries).as("the retry looked the rates up again").hasSizeGreaterThanOrEqualTo(2);
            try (io.cebridge.store.StateStore store = io.cebridge.store.StateStore.open(h.config(), 2)) {
                assertThat(store.deadLetters().list("exchange-rates", true)).isEmpty();
            }
        }
    }

    private BridgeHarness harness(TestErp erp, FakeSalesforceWrites crm, String dataDir) {
        BridgeHarness h = new BridgeHarness(tmp.resolve(dataDir), crm.baseUrl(), "s3cret", erp);
        h.overrides.put("bridge.flows.customer-master.enabled", "false");
        h.overrides.put("bridge.flows.exchange-rates.enabled", "true");
        h.overrides.put("bridge.flows.exchange-rates.poll-interval", "1s");
        return h;
    }

    private static Map<String, String> byKey(FakeSalesforceWrites crm) {
        Map<String, String> out = new LinkedHashMap<>();
        for (ObjectNode r : crm.of("DatedConversionRate").values()) {
            out.put(r.get("IsoCode").asText() + "|" + r.get("StartDate").asText(), r.get("ConversionRate").toString());
        }
        return out;
    }

    private static Map<String, String> rates(TestErp erp) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        try (Connection c = erp.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT to_currency, rate_date, rate FROM erp_exchange_rate"
                     + " WHERE from_currency = 'USD'")) {
            while (rs.next()) {
                out.put(rs.getString(1) + "|" + rs.getDate(2).toLocalDate(), rs.getBigDecimal(3).toPlainString());
            }
        }
        return out;
    }
}
