package io.cebridge.flow.kingdee;

import static org.assertj.core.api.Assertions.assertThat;

import io.cebridge.demo.DemoAccountStore;
import io.cebridge.demo.DemoSalesforceServer;
import io.cebridge.demo.kingdee.KingdeeStandIn;
import io.cebridge.flow.FlowStats;
import io.cebridge.it.BridgeHarness;
import io.cebridge.it.TestErp;
import io.cebridge.store.DeadLetter;
import io.cebridge.store.StateStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * customer-master into Kingdee's WebAPI (the stand-in) on the real runtime, real Kafka, the H2 state store and the
 * demo CRM API: accounts become BD_Customer documents once each and their Kingdee numbers and FIDs come back.
 */
class KingdeeCustomerMasterIT {
    private static final String SECRET = "kd-app-secret-for-it";
    @TempDir
    Path tmp;
    private DemoSalesforceServer crm;
    private KingdeeStandIn kingdee;
    private TestErp unused;

    @AfterEach
    void tearDown() throws Exception {
        if (crm != null) {
            crm.close();
        }
        if (kingdee != null) {
            kingdee.close();
        }
        if (unused != null) {
            unused.close();
        }
    }

    private BridgeHarness start(DemoAccountStore accounts) throws Exception {
        kingdee = KingdeeStandIn.standard(SECRET, "F_CRM_ID").start(0);
        crm = new DemoSalesforceServer(accounts, "it-client", "it-secret");
        crm.start(0);
        unused = TestErp.create(TestErp.Kind.H2, tmp);
        BridgeHarness bridge = new BridgeHarness(tmp.resolve("data"), crm.loginUrl(), "it-secret", unused);
        bridge.overrides.remove("bridge.erp.jdbc-url"); // no ERP database: Kingdee only
        bridge.overrides.remove("bridge.erp.username");
        bridge.overrides.putAll(kingdee.bridgeSettings(SECRET));
        bridge.overrides.put("bridge.erp.kingdee.org-number", "100");
        bridge.overrides.put("bridge.erp.kingdee.timeout", "2s");
        bridge.overrides.put("bridge.flows.customer-master.batch-size", "100");
        return bridge;
    }

    private static DemoAccountStore accounts(int n) {
        DemoAccountStore accounts = DemoAccountStore.empty(Clock.systemUTC());
        for (int i = 0; i < n; i++) {
            accounts.create(Map.of("Name", "金蝶测试客户 " + i + " 有限公司", "CurrencyIsoCode", i % 2 == 0 ? "CNY" : "USD",
                    "BillingCity", "深圳市", "BillingState", "广东省"));
        }
        return accounts;
    }

    /** One BD_Customer per CRM id, each CRM account carrying its document's FNumber. */
    private void assertOneDocumentPerAccountAndNumbersBack(DemoAccountStore accounts, int expected) {
        List<Map<String, Object>> docs = kingdee.customers();
        Map<Object, Long> perCrmId = new HashMap<>();
        docs.forEach(d -> perCrmId.merge(d.get("F_CRM_ID"), 1L, Long::sum));
        assertThat(perCrmId.values()).as("documents per CRM id").containsOnly(1L);
        assertThat(docs).hasSize(expected);
        for (Map<String, Object> d : docs) {
            Map<String, Object> account = accounts.get(String.valueOf(d.get("F_CRM_ID"))).orElseThrow();
            assertThat(account.get("ERP_Customer_No__c")).as("number written back").isEqualTo(d.get("FNUMBER"));
            assertThat(account.get("ERP_Internal_Id__c")).as("FID written back beside it")
                    .isEqualTo(String.valueOf(d.get("FCUSTID")));
            assertThat(d.get("FNAME")).isEqualTo(account.get("Name"));
        }
    }

    // Guards: one record Kingdee refuses (DIndex) taking its batch down, and a session expiring or Kingdee being
    // overloaded (HTTP 519) mid-load losing or doubling customers.
    @Test
    void accountsBecomeCustomersTheRefusedOneIsDeadLetteredAndLostSessionsAnd519AreSurvived() throws Exception {
        DemoAccountStore accounts = accounts(250);
        String tooLong = (String) accounts.create(Map.of("Name", "名".repeat(90), "CurrencyIsoCode", "CNY")).get("Id");
        BridgeHarness bridge = start(accounts);
        kingdee.expireSessionsAfter(2); // every session dies after two calls: several times in this load
        kingdee.overload(2);

        FlowStats.Counters run1 = bridge.runOnce();
        assertThat(run1.delivered.get()).isEqualTo(250);
        assertThat(run1.deadLettered.get()).isEqualTo(1);
        assertOneDocumentPerAccountAndNumbersBack(accounts, 250);
        assertThat(kingdee.customers().get(0)).containsEntry("FCREATEORGID", Map.of("FNumber", "100"))
                .containsEntry("FUSEORGID", Map.of("FNumber", "100")).containsEntry("FADDRESS", "广东省 深圳市");
        for (Map<String, Object> d : kingdee.customers()) {
            Object currency = accounts.get(String.valueOf(d.get("F_CRM_ID"))).orElseThrow().get("CurrencyIsoCode");
            assertThat(d).containsEntry("FTRADINGCURRID", Map.of("FNumber", "CNY".equals(currency) ? "PRE001" : "PRE007"));
        }
        assertThat(kingdee.calls().get("LoginByAppSecret")).as("logins after lost sessions").isGreaterThanOrEqualTo(3);
        assertThat(accounts.get(tooLong).orElseThrow().get("ERP_Customer_No__c")).isNull();
        try (StateStore store = StateStore.open(bridge.config(), 2)) {
            List<DeadLetter> letters = store.deadLetters().list("customer-master", false);
            assertThat(letters).singleElement().satisfies(d -> {
                assertThat(d.sourceId()).isEqualTo(tooLong);
                assertThat(d.reasonCode()).isEqualTo("ERP_REJECTED");
                assertThat(d.reason()).isEqualTo("Kingdee refused the BD_Customer: FName: 字段“客户名称”的长度超过了最大长度80");
            });
        }

        // run 2: the write-backs changed every account; Kingdee is asked, nothing is saved again
        long saves = kingdee.calls().getOrDefault("BatchSave", 0L);
        FlowStats.Counters run2 = bridge.runOnce();
        assertThat(run2.delivered.get()).isZero();
        assertThat(kingdee.calls().getOrDefault("BatchSave", 0L)).isEqualTo(saves);
        assertOneDocumentPerAccountAndNumbersBack(accounts, 250);
    }

    // Guards: a Save Kingdee applied but answered after the client's timeout being saved a second time on the retry.
    @Test
    void aSaveAnsweredAfterTheTimeoutIsNotSavedTwice() throws Exception {
        DemoAccountStore accounts = accounts(120);
        BridgeHarness bridge = start(accounts);
        kingdee.answerSavesLate(1, Duration.ofSeconds(5));

        FlowStats.Counters run = bridge.runOnce();
        // the late batch was saved by the first attempt: its retry finds those documents as they are (unchanged)
        assertThat(run.delivered.get() + run.unchanged.get()).isEqualTo(120);
        assertThat(run.unchanged.get()).isPositive();
        assertThat(run.deadLettered.get()).isZero();
        assertOneDocumentPerAccountAndNumbersBack(accounts, 120);
        assertThat(kingdee.calls().get("BatchSave")).as("the late one, then the rest").isGreaterThanOrEqualTo(2);
    }

    // Guards: a wrong app secret looping on logins instead of stopping the run with Kingdee's reason.
    @Test
    void aWrongAppSecretStopsTheRunWithKingdeesReason() throws Exception {
        BridgeHarness bridge = start(accounts(3));
        bridge.overrides.put("bridge.erp.kingdee.app-secret", "not-the-" + SECRET);
        org.assertj.core.api.Assertions.assertThatThrownBy(bridge::runOnce)
                .hasMessageContaining("第三方系统登录授权校验失败").hasMessageNotContaining(SECRET);
        assertThat(kingdee.calls().get("LoginByAppSecret")).isLessThanOrEqualTo(2);
        assertThat(kingdee.customers()).isEmpty();
    }

    // Guards: duplicate Kingdee customers for accounts sharing a 统一社会信用代码, or beside one made by hand in Kingdee.
    @Test
    void aCustomerMadeByHandIsClaimedByTaxCodeAndAccountsSharingOneShareIt() throws Exception {
        DemoAccountStore accounts = accounts(5);
        String first = (String) accounts.create(Map.of("Name", "阿里巴巴（中国）有限公司", "USCC__c", "91330100799655058B"))
                .get("Id");
        String twin = (String) accounts.create(Map.of("Name", "阿里巴巴（中国）有限公司 杭州", "USCC__c", "91330100799655058B"))
                .get("Id");
        BridgeHarness bridge = start(accounts);
        new io.cebridge.connector.erp.kingdee.KingdeeForms(new io.cebridge.connector.erp.kingdee.KingdeeClient(
                io.cebridge.connector.erp.kingdee.KingdeeSettings.from(bridge.config()))).batchSave("BD_Customer",
                List.of(Map.of("FName", "阿里巴巴（中国）有限公司", "FTaxRegisterCode", "91330100799655058B",
                        "FNumber", "C-HAND-01")), List.of());

        FlowStats.Counters run = bridge.runOnce();
        assertThat(run.delivered.get()).isEqualTo(7);
        assertThat(run.flagged.get()).as("the twin, flagged DUPLICATE_USCC_LINKED").isEqualTo(1);
        assertThat(kingdee.customers()).hasSize(6);
        assertThat(accounts.get(first).orElseThrow().get("ERP_Customer_No__c")).isEqualTo("C-HAND-01");
        assertThat(accounts.get(twin).orElseThrow().get("ERP_Customer_No__c")).isEqualTo("C-HAND-01");
        assertThat(accounts.get(twin).orElseThrow().get("ERP_Internal_Id__c")).as("the shared customer's FID")
                .isEqualTo(String.valueOf(kingdee.customers().get(0).get("FCUSTID")));
        assertThat(kingdee.customers().get(0)).containsEntry("FNUMBER", "C-HAND-01").containsKey("F_CRM_ID");
        assertThat(List.of(first, twin)).contains(String.valueOf(kingdee.customers().get(0).get("F_CRM_ID")));
    }
}
