package io.cebridge.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.cebridge.demo.DemoAccountStore;
import io.cebridge.demo.DemoSalesforceServer;
import io.cebridge.it.BridgeHarness;
import io.cebridge.it.Cli;
import io.cebridge.it.TestErp;
import io.cebridge.json.Json;
import io.cebridge.store.DeadLetter;
import io.cebridge.store.StateStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * reconcile on the real runtime (real Kafka, H2 ERP, demo Salesforce API): customer-master after two ERP customers are
 * deleted and one CRM phone changed by hand (the sample of docs/operations-reconcile.md), expenses and contacts (flows
 * linked to their account's customer) after ERP rows are edited or deleted by hand, each repaired through its flow;
 * financial-summary against a fresh ERP computation.
 */
class ReconcileIT {
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

    // Guards: ERP rows deleted behind the flow's back or CRM edits not delivered going unnoticed, and a repair that
    // writes around the flow (or does not repair at all).
    @Test
    void reportsDeletedCustomersAndAChangedPhoneThenRepairsThemThroughTheFlow() throws Exception {
        DemoAccountStore accounts = DemoAccountStore.seeded(Clock.systemUTC());
        erp = TestErp.create(TestErp.Kind.H2, tmp);
        crm = new DemoSalesforceServer(accounts, "it-client", "it-secret");
        crm.start(0);
        BridgeHarness bridge = new BridgeHarness(tmp.resolve("data"), crm.loginUrl(), "it-secret", erp)
                .enable("customer-master");
        bridge.runOnce();

        // before anything is touched, both sides agree (the demo's dead-lettered accounts are known, not differences)
        Cli agreed = cli(bridge, "reconcile", "--flow", "customer-master");
        assertThat(agreed.exit).as(agreed.out).isZero();
        assertThat(agreed.out).contains("both sides agree").contains("4 with an unresolved dead letter");

        String xiaomi = idOf(accounts, "小米科技有限责任公司");
        String tencent = idOf(accounts, "深圳市腾讯计算机系统有限公司");
        String phoneChanged = idOf(accounts, "腾讯科技（深圳）有限公司");
        String xiaomiNo = erpNo(xiaomi);
        String tencentNo = erpNo(tencent);
        erp.execute("DELETE FROM erp_customer WHERE crm_account_id IN ('" + xiaomi + "', '" + tencent + "')");
        accounts.update(phoneChanged, Map.of("Phone", "0755-8988 8888"), null);

        Cli found = cli(bridge, "reconcile", "--flow", "customer-master", "--json", "--show-pii");
        assertThat(found.exit).as(found.out).isEqualTo(1);
        Map<String, Object> report = Json.readMap(found.out.strip());
        List<Map<String, Object>> disagreements = findings(report).stream()
                .filter(f -> !List.of("DEAD_LETTERED", "SHARED").contains(f.get("kind"))).toList();
        assertThat(disagreements).extracting(f -> f.get("kind") + " " + f.get("crmId") + " " + f.get("erpNo"))
                .containsExactlyInAnyOrder("ONLY_IN_CRM " + xiaomi + " " + xiaomiNo,
                        "ONLY_IN_CRM " + tencent + " " + tencentNo, "DIFFERENT " + phoneChanged + " " + erpNo(phoneChanged));
        Map<String, Object> phone = disagreements.stream().filter(f -> f.get("kind").equals("DIFFERENT")).findFirst()
                .orElseThrow();
        assertThat(phone.get("differences")).isEqualTo(List.of(Map.of("column", "phone", "crm", "+8675589888888",
                "erp", erp.row("SELECT phone FROM erp_customer WHERE crm_account_id = '" + phoneChanged + "'").get("phone"))));
        Cli text = cli(bridge, "reconcile", "--flow", "customer-master");
        assertThat(text.exit).isEqualTo(1);
        assertThat(text.out).contains("only in CRM 2, only in ERP 0, different 1")
                .contains("phone: CRM \"+8**********88\", ERP \"").doesNotContain("+8675589888888"); // masked by default
        // the sample report of docs/operations-reconcile.md
        System.out.println("SAMPLE-TEXT\n" + text.out + "SAMPLE-JSON\n" + found.out);

        long rowsBefore = erp.scalar("SELECT COUNT(*) FROM erp_customer");
        Cli repaired = cli(bridge, "reconcile", "--flow", "customer-master", "--repair");
        assertThat(repaired.out).contains("3 record(s) sent through customer-master again");
        // nothing written to the ERP by reconcile itself: the flow does it
        assertThat(erp.scalar("SELECT COUNT(*) FROM erp_customer")).isEqualTo(rowsBefore);
        try (StateStore store = StateStore.open(bridge.config(), 2)) {
            assertThat(store.deadLetters().list("customer-master", false))
                    .filteredOn(d -> d.reasonCode().equals(Repair.ACTION))
                    .extracting(DeadLetter::sourceId, DeadLetter::status)
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(xiaomi, DeadLetter.RETRY_REQUESTED),
                            org.assertj.core.groups.Tuple.tuple(tencent, DeadLetter.RETRY_REQUESTED),
                            org.assertj.core.groups.Tuple.tuple(phoneChanged, DeadLetter.RETRY_REQUESTED));
        }

        bridge.runOnce();
        bridge.runOnce(); // the write-back of the two new customer numbers is read back as a new version: unchanged

        Cli after = cli(bridge, "reconcile", "--flow", "customer-master");
        assertThat(after.exit).as(after.out).isZero();
        assertThat(after.out).contains("both sides agree");
        System.out.println("SAMPLE-AFTER\n" + after.out);
        assertThat(erp.row("SELECT phone FROM erp_customer WHERE crm_account_id = '" + phoneChanged + "'"))
                .containsEntry("phone", "+8675589888888");
        assertThat(accounts.get(xiaomi).orElseThrow().get("ERP_Customer_No__c")).isEqualTo(erpNo(xiaomi));
        try (StateStore store = StateStore.open(bridge.config(), 2)) {
            assertThat(store.deadLetters().list("customer-master", false))
                    .noneMatch(d -> d.reasonCode().equals(Repair.ACTION));
        }
    }

    // Guards: an ERP claim amount edited by hand (CRM unchanged) going unnoticed or rounded away, and a repair that
    // cannot bring back a record whose CRM version the flow already applied.
    @Test
    void expensesReportsAnAmountChangedInTheErpToTheCentAndRepairsItThroughTheFlow() throws Exception {
        DemoAccountStore accounts = DemoAccountStore.seeded(Clock.systemUTC());
        io.cebridge.demo.DemoObjectStore objects = new io.cebridge.demo.DemoObjectStore(Clock.systemUTC());
        String account = idOf(accounts, "Alfreds Futterkiste");
        String travel = objects.seed("Expense__c", expense(account, "Approved", "Travel", "1234.56"));
        objects.seed("Expense__c", expense(account, "Approved", "Meals", "88.00"));
        objects.seed("Expense__c", expense(account, "Approved", "Golf", "500.00")); // no such category: dead-lettered
        objects.seed("Expense__c", expense(account, "Draft", "Meals", "9.99")); // not approved: not the flow's
        erp = TestErp.create(TestErp.Kind.H2, tmp);
        crm = new DemoSalesforceServer(accounts, objects, "it-client", "it-secret");
        crm.start(0);
        BridgeHarness bridge = new BridgeHarness(tmp.resolve("data"), crm.loginUrl(), "it-secret", erp)
                .enable("customer-master", "expenses");
        // an expense waits for its account's customer; a later run sends it once customer-master linked it
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(3)).until(() -> {
            bridge.runOnce();
            return erp.scalar("SELECT COUNT(*) FROM erp_expense_claim") == 2;
        });

        Cli agreed = cli(bridge, "reconcile", "--flow", "expenses");
        assertThat(agreed.exit).as(agreed.out).isZero();
        assertThat(agreed.out).contains("3 CRM Expense__c record(s), 2 ERP erp_expense_claim row(s)")
                .contains("agree 2,").contains("1 with an unresolved dead letter");

        erp.execute("UPDATE erp_expense_claim SET amount = 1234.50 WHERE crm_expense_id = '" + travel + "'");
        Cli found = cli(bridge, "reconcile", "--flow", "expenses");
        assertThat(found.exit).as(found.out).isEqualTo(1);
        assertThat(found.out).contains("different 1").containsPattern("DIFFERENT +" + travel
                + " +\\S+ +amount: CRM 1234.56, ERP 1234.50\n");

        Cli repaired = cli(bridge, "reconcile", "--flow", "expenses", "--repair");
        assertThat(repaired.out).contains("1 record(s) sent through expenses again");
        bridge.runOnce();
        Cli after = cli(bridge, "reconcile", "--flow", "expenses");
        assertThat(after.exit).as(after.out).isZero();
        assertThat(erp.row("SELECT amount FROM erp_expense_claim WHERE crm_expense_id = '" + travel + "'").get("amount"))
                .isEqualTo(new java.math.BigDecimal("1234.56"));
    }

    private static Map<String, Object> expense(String account, String status, String category, String amount) {
        Map<String, Object> e = new java.util.LinkedHashMap<>();
        e.put("Account__c", account);
        e.put("Expense_Date__c", "2026-11-20");
        e.put("Category__c", category);
        e.put("Amount__c", new java.math.BigDecimal(amount));
        e.put("CurrencyIsoCode", "EUR");
        e.put("Status__c", status);
        e.put("ERP_Claim_No__c", null);
        e.put("Payment_Status__c", null);
        e.put("Paid_Date__c", null);
        return e;
    }

    // Guards: contacts compared without their parent's link and country (phones read in the wrong region), and an
    // ERP contact edited or deleted by hand going unnoticed.
    @Test
    void contactsAreComparedWithTheirCustomerAndItsCountryThenRepaired() throws Exception {
        DemoAccountStore accounts = DemoAccountStore.seeded(Clock.systemUTC());
        io.cebridge.demo.DemoObjectStore objects = new io.cebridge.demo.DemoObjectStore(Clock.systemUTC());
        String account = idOf(accounts, "Alfreds Futterkiste");
        String maria = objects.seed("Contact", contact(account, "Maria", "Anders", "  Maria.Anders@Alfreds.DE ",
                "030 123456"));
        String hanna = objects.seed("Contact", contact(account, "Hanna", "Moos", "hanna@example.com", "0621-08460"));
        erp = TestErp.create(TestErp.Kind.H2, tmp);
        crm = new DemoSalesforceServer(accounts, objects, "it-client", "it-secret");
        crm.start(0);
        BridgeHarness bridge = new BridgeHarness(tmp.resolve("data"), crm.loginUrl(), "it-secret", erp)
                .enable("customer-master", "contacts");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(3)).until(() -> {
            bridge.runOnce();
            return erp.scalar("SELECT COUNT(*) FROM erp_customer_contact WHERE crm_contact_id IS NOT NULL") == 2;
        });
        // the phone is read in the customer's country (Germany), not in the default region CN
        assertThat(erp.row("SELECT phone FROM erp_customer_contact WHERE crm_contact_id = '" + maria + "'"))
                .containsEntry("phone", "+4930123456");

        Cli agreed = cli(bridge, "reconcile", "--flow", "contacts");
        assertThat(agreed.exit).as(agreed.out).isZero();
        assertThat(agreed.out).contains("agree 2,");

        erp.execute("UPDATE erp_customer_contact SET email = 'Maria.Anders@Alfreds.DE' WHERE crm_contact_id = '"
                + maria + "'");
        erp.execute("DELETE FROM erp_customer_contact WHERE crm_contact_id = '" + hanna + "'");
        Cli found = cli(bridge, "reconcile", "--flow", "contacts", "--show-pii");
        assertThat(found.exit).as(found.out).isEqualTo(1);
        assertThat(found.out).contains("only in CRM 1, only in ERP 0, different 1")
                .contains("email: CRM \"maria.anders@alfreds.de\", ERP \"Maria.Anders@Alfreds.DE\"");

        assertThat(cli(bridge, "reconcile", "--flow", "contacts", "--repair").out)
                .contains("2 record(s) sent through contacts again");
        bridge.runOnce();
        Cli after = cli(bridge, "reconcile", "--flow", "contacts");
        assertThat(after.exit).as(after.out).isZero();
    }

    private static Map<String, Object> contact(String account, String first, String last, String email, String phone) {
        Map<String, Object> c = new java.util.LinkedHashMap<>();
        c.put("AccountId", account);
        c.put("FirstName", first);
        c.put("LastName", last);
        c.put("Title", null);
        c.put("Email", email);
        c.put("Phone", phone);
        c.put("MobilePhone", null);
        c.put("ERP_Contact_Id__c", null);
        c.put("IsDeleted", false);
        return c;
    }

    // Guards: a CRM account's financial figures drifting from the ERP's own totals (by as little as a cent) unnoticed.
    @Test
    void financialSummaryComparesTheAccountFieldsWithAFreshErpComputation() throws Exception {
        DemoAccountStore accounts = DemoAccountStore.seeded(Clock.systemUTC());
        erp = TestErp.create(TestErp.Kind.H2, tmp, true);
        crm = new DemoSalesforceServer(accounts, "it-client", "it-secret");
        crm.start(0);
        BridgeHarness bridge = new BridgeHarness(tmp.resolve("data"), crm.loginUrl(), "it-secret", erp);
        bridge.overrides.put("bridge.flows.customer-master.enabled", "false");
        bridge.enable("financial-summary");
        List<String> customers = erp.column("SELECT customer_no FROM erp_customer WHERE credit_limit > 0"
                + " ORDER BY customer_no").subList(0, 3);
        List<String> ids = accounts.all().stream().map(a -> String.valueOf(a.get("Id"))).limit(3).toList();
        for (int i = 0; i < 3; i++) {
            bridge.link(ids.get(i), customers.get(i));
        }
        bridge.runOnce();

        Cli agreed = cli(bridge, "reconcile", "--flow", "financial-summary");
        assertThat(agreed.exit).as(agreed.out).isZero();
        assertThat(agreed.out).contains("agree 3,");

        Map<String, Object> before = erp.row("SELECT credit_limit FROM erp_customer WHERE customer_no = "
                + customers.get(0));
        erp.execute("UPDATE erp_customer SET credit_limit = credit_limit + 0.01 WHERE customer_no = " + customers.get(0));
        Cli found = cli(bridge, "reconcile", "--flow", "financial-summary", "--json");
        assertThat(found.exit).as(found.out).isEqualTo(1);
        System.out.println("SAMPLE-SUMMARY\n" + found.out);
        List<Map<String, Object>> differing = findings(Json.readMap(found.out.strip()));
        assertThat(differing).singleElement().satisfies(f -> {
            assertThat(f.get("kind")).isEqualTo("DIFFERENT");
            assertThat(f.get("crmId")).isEqualTo(ids.get(0));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> diffs = (List<Map<String, Object>>) f.get("differences");
            assertThat(diffs).extracting(d -> d.get("column")).containsExactlyInAnyOrder("Credit_Limit__c",
                    "Credit_Available__c");
            Map<String, Object> limit = diffs.stream().filter(d -> d.get("column").equals("Credit_Limit__c"))
                    .findFirst().orElseThrow();
            java.math.BigDecimal old = (java.math.BigDecimal) before.get("credit_limit");
            assertThat(new java.math.BigDecimal(String.valueOf(limit.get("crm")))).isEqualByComparingTo(old);
            assertThat(new java.math.BigDecimal(String.valueOf(limit.get("erp"))))
                    .isEqualByComparingTo(old.add(new java.math.BigDecimal("0.01")));
        });
    }

    private String erpNo(String crmId) throws Exception {
        return String.valueOf(erp.row("SELECT customer_no FROM erp_customer WHERE crm_account_id = '" + crmId + "'")
                .get("customer_no"));
    }

    private static String idOf(DemoAccountStore accounts, String name) {
        return accounts.all().stream().filter(a -> name.equals(String.valueOf(a.get("Name")).strip()))
                .map(a -> String.valueOf(a.get("Id"))).findFirst().orElseThrow(() -> new AssertionError("no " + name));
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
