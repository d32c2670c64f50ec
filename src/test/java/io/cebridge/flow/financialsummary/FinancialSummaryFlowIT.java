package io.cebridge.flow.financialsummary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cebridge.it.BridgeHarness;
import io.cebridge.it.FakeSalesforceWrites;
import io.cebridge.it.TestErp;
import io.cebridge.runtime.BridgeRuntime;
import io.cebridge.store.StateStore;
import io.cebridge.store.XrefEntry;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

// Guards: a CRM account's financial figures differing from the ERP's own totals by as much as a cent, or going stale
// after a payment; summaries of customers not yet in the CRM lost instead of waiting.
class FinancialSummaryFlowIT {
    private static final LocalDate AS_OF = LocalDate.of(2005, 6, 15);
    private static final Map<String, String> FIELDS = Map.ofEntries(Map.entry("YTD_Sales__c", "ytdSales"),
            Map.entry("MTD_Sales__c", "mtdSales"), Map.entry("AR_Not_Due__c", "arNotDue"),
            Map.entry("AR_1_30__c", "ar1To30"), Map.entry("AR_31_60__c", "ar31To60"),
            Map.entry("AR_61_90__c", "ar61To90"), Map.entry("AR_Over_90__c", "arOver90"),
            Map.entry("Credit_Limit__c", "creditLimit"), Map.entry("Credit_Used__c", "creditUsed"),
            Map.entry("Credit_Available__c", "creditAvailable"));

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(value = TestErp.Kind.class, names = {"H2", "POSTGRESQL"})
    void accountFiguresEqualTheErpTotalsToTheCentAndFollowChanges(TestErp.Kind kind) throws Exception {
        try (TestErp erp = TestErp.create(kind, tmp, true); FakeSalesforceWrites crm = new FakeSalesforceWrites()) {
            Map<String, Map<String, Object>> expected = FinancialSummaryQueryIT.expectedFromRawRows(erp.dataSource(), AS_OF);
            // link customers that exercise every bucket, no credit limit and open orders, plus some plain ones
            Map<String, String> accountOf = new LinkedHashMap<>();
            for (Map<String, Object> m : expected.values()) {
                if (accountOf.size() < 40) {
                    accountOf.put(m.get("customerNo").toString(), String.format("001%015d", accountOf.size() + 1));
                }
            }
            BridgeHarness h = new BridgeHarness(tmp.resolve("data"), crm.baseUrl(), "s3cret", erp);
            h.overrides.put("bridge.flows.customer-master.enabled", "false");
            h.overrides.put("bridge.flows.financial-summary.enabled", "true");
            h.overrides.put("bridge.flows.financial-summary.poll-interval", "1s");
            try (StateStore store = StateStore.open(h.config(), 2)) {
                List<XrefEntry> links = new ArrayList<>();
                accountOf.forEach((no, account) -> links.add(new XrefEntry(account, no, "2026-01-01T00:00:00.000Z")));
                store.xref().upsert("customer", links);
            }
            Clock clock = Clock.fixed(AS_OF.atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
            try (BridgeRuntime runtime = new BridgeRuntime(h.config(), false).withErpClock(clock).start()) {
                await().atMost(Duration.ofMinutes(2)).until(() -> crm.of("Account").size() == accountOf.size());
                accountOf.forEach((no, account) -> assertFigures(crm.of("Account").get(account), expected.get(no)));
                await().atMost(Duration.ofMinutes(1)).until(() ->
                        runtime.store().deadLetters().list("financial-summary", false).size()
                                == expected.size() - accountOf.size());

                // a payment reduces an open item: the account's AR and credit follow, exact to the cent
                String customer = accountOf.keySet().stream().filter(no ->
                        ((BigDecimal) expected.get(no).get("creditUsed")).signum() > 0
                                && ((BigDecimal) expected.get(no).get("arOver90")).add((BigDecimal) expected.get(no)
                                .get("arNotDue")).add((BigDecimal) expected.get(no).get("ar1To30")).signum() > 0)
                        .findFirst().orElseThrow();
                erp.execute("UPDATE erp_ar_open_item SET open_amount = open_amount - 0.01, updated_at = CURRENT_TIMESTAMP"
                        + " WHERE invoice_no = (SELECT MIN(invoice_no) FROM erp_ar_open_item WHERE customer_no = "
                        + customer + " AND open_amount > 0)");
                Map<String, Object> after = FinancialSummaryQueryIT.expectedFromRawRows(erp.dataSource(), AS_OF)
                        .get(customer);
                long changedAt = System.nanoTime();
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        assertFigures(crm.of("Account").get(accountOf.get(customer)), after));
                System.out.printf("financial-summary: ERP change to CRM update %d ms%n",
                        (System.nanoTime() - changedAt) / 1_000_000);
            }
        }
    }

    private static void assertFigures(ObjectNode account, Map<String, Object> expected) {
        assertThat(account).as("account of customer " + expected.get("customerNo")).isNotNull();
        FIELDS.forEach((field, key) -> {
            Object e = expected.get(key);
            if (e == null) {
                assertThat(account.get(field).isNull()).as(field).isTrue();
            } else {
                assertThat(account.get(field).toString()).as(field + " of customer " + expected.get("customerNo"))
                        .isEqualTo(((BigDecimal) e).setScale(2).toPlainString());
            }
        });
        assertThat(account.get("Financials_As_Of__c").asText()).isEqualTo(AS_OF.toString());
    }
}
