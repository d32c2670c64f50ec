package io.cebridge.flow.expenses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cebridge.config.BridgeConfig;
import io.cebridge.demo.DemoAccountStore;
import io.cebridge.demo.DemoObjectStore;
import io.cebridge.demo.DemoSalesforceServer;
import io.cebridge.it.BridgeHarness;
import io.cebridge.it.DemoRecords;
import io.cebridge.it.TestErp;
import io.cebridge.runtime.BridgeRuntime;
import io.cebridge.store.DeadLetter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The expenses and expense-payments flows, declared by routes/expenses.yaml and mappings/expenses/,
 * mappings/expense-payments/ only, end to end on the real runtime against the demo Salesforce API and the reference
 * ERP on H2 and PostgreSQL.
 */
class ExpensesFlowIT {
    @TempDir
    Path tmp;
    private DemoSalesforceServer crm;
    private TestErp erp;

    @AfterEach
    void tearDown() throws Exception {
        if (crm != null) {
            crm.close();
        }
        if (erp != null) {
            erp.close();
        }
    }

    // Guards: unapproved expenses claimed, amounts rounded or categories guessed on the way to the ERP, claim numbers or
    // payment status not reaching the CRM, and the payment's echo creating a second claim.
    @ParameterizedTest
    @EnumSource(value = TestErp.Kind.class, names = {"H2", "POSTGRESQL"})
    void approvedExpensesBecomeClaimsAndTheirPaymentComesBack(TestErp.Kind kind) throws Exception {
        DemoAccountStore accounts = DemoAccountStore.seeded(Clock.systemUTC());
        DemoObjectStore objects = new DemoObjectStore(Clock.systemUTC());
        String account = accounts.all().stream().filter(a -> "Alfreds Futterkiste".equals(String.valueOf(a.get("Name"))
                .strip())).findFirst().orElseThrow().get("Id").toString();
        String travel = objects.seed("Expense__c", expense(account, "Approved", "Travel", new BigDecimal("1234.56")));
        String draft = objects.seed("Expense__c", expense(account, "Draft", "Meals", new BigDecimal("88.00")));
        String golf = objects.seed("Expense__c", expense(account, "Approved", "Golf", new BigDecimal("500.00")));
        String precise = objects.seed("Expense__c", expense(account, "Approved", "Meals", new BigDecimal("12.345")));
        erp = TestErp.create(kind, tmp);
        crm = new DemoSalesforceServer(accounts, objects, "it-client", "it-secret");
        crm.start(0);
        BridgeHarness bridge = new BridgeHarness(tmp.resolve("data"), crm.loginUrl(), "it-secret", erp);
        for (String flow : new String[] {"customer-master", "expenses", "expense-payments"}) {
            bridge.overrides.put("bridge.flows." + flow + ".enabled", "true");
            bridge.overrides.put("bridge.flows." + flow + ".poll-interval", "1s");
        }
        BridgeConfig cfg = BridgeConfig.load(null, Map.of(), new Properties(), bridge.overrides);
        try (BridgeRuntime runtime = new BridgeRuntime(cfg, false).start()) {
            // the claim comes back to the CRM through expense-payments as well: number and status UNPAID
            await().atMost(Duration.ofSeconds(90)).until(() -> "UNPAID".equals(DemoRecords.field(objects, "Expense__c", travel, "Payment_Status__c")));
            long customerNo = Long.parseLong(String.valueOf(accounts.get(account).orElseThrow().get("ERP_Customer_No__c")));
            Map<String, Object> claim = erp.row("SELECT claim_no, customer_no, expense_date, expense_account, amount, currency"
                    + " FROM erp_expense_claim WHERE crm_expense_id = '" + travel + "'");
            assertThat(((Number) claim.get("customer_no")).longValue()).isEqualTo(customerNo);
            assertThat((BigDecimal) claim.get("amount")).isEqualByComparingTo("1234.56");
            assertThat(claim.get("expense_account")).isEqualTo("6601.01");
            assertThat(String.valueOf(claim.get("expense_date"))).isEqualTo("2026-11-20");
            assertThat(DemoRecords.field(objects, "Expense__c", travel, "ERP_Claim_No__c")).isEqualTo(String.valueOf(claim.get("claim_no")));

            Map<String, String> reasons = new HashMap<>();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                reasons.clear();
                for (DeadLetter d : runtime.store().deadLetters().list("expenses", false)) {
                    reasons.put(d.sourceId(), d.reasonCode());
                }
                assertThat(reasons).containsEntry(golf, "MAPPING_FAILED").containsEntry(precise, "ERP_VALUE_DOES_NOT_FIT");
            });
            assertThat(reasons).doesNotContainKey(draft);
            assertThat(erp.scalar("SELECT COUNT(*) FROM erp_expense_claim")).isEqualTo(1); // not the draft, golf or 12.345

            // the ERP pays the claim: status and date reach the expense; nothing is claimed twice
            erp.execute("UPDATE erp_expense_claim SET payment_status = 'PAID', paid_at = DATE '2026-11-30',"
                    + " updated_at = CURRENT_TIMESTAMP WHERE crm_expense_id = '" + travel + "'");
            await().atMost(Duration.ofSeconds(60)).until(() -> "PAID".equals(DemoRecords.field(objects, "Expense__c", travel, "Payment_Status__c")));
            assertThat(DemoRecords.field(objects, "Expense__c", travel, "Paid_Date__c")).isEqualTo("2026-11-30");
            assertThat(erp.scalar("SELECT COUNT(*) FROM erp_expense_claim")).isEqualTo(1);
            assertThat(erp.row("SELECT claim_no FROM erp_expense_claim WHERE crm_expense_id = '" + travel + "'")
                    .get("claim_no").toString()).isEqualTo(DemoRecords.field(objects, "Expense__c", travel, "ERP_Claim_No__c"));
        }
    }

    private static Map<String, Object> expense(String account, String status, String category, BigDecimal amount) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("Account__c", account);
        e.put("Expense_Date__c", "2026-11-20");
        e.put("Category__c", category);
        e.put("Amount__c", amount);
        e.put("CurrencyIsoCode", "EUR");
        e.put("Status__c", status);
        e.put("ERP_Claim_No__c", null);
        e.put("Payment_Status__c", null);
        e.put("Paid_Date__c", null);
        return e;
    }

}
