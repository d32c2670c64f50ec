package io.cebridge.flow.yonbip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cebridge.connector.erp.yonbip.YonbipClient;
import io.cebridge.connector.erp.yonbip.YonbipForms;
import io.cebridge.demo.DemoAccountStore;
import io.cebridge.demo.DemoSalesforceServer;
import io.cebridge.demo.yonbip.YonbipStandIn;
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
 * Guards: customer-master into YonBIP (the stand-in) duplicating, losing or blocking merchants on the real runtime,
 * real Kafka, the H2 state store and the demo CRM API: refused records, late saves, expiring tokens, a wrong secret.
 */
class YonbipCustomerMasterIT {
    private static final String SECRET = "yb-app-secret-for-it";
    @TempDir
    Path tmp;
    private DemoSalesforceServer crm;
    private YonbipStandIn yonbip;
    private TestErp unused;

    @AfterEach
    void tearDown() throws Exception {
        if (crm != null) {
            crm.close();
        }
        if (yonbip != null) {
            yonbip.close();
        }
        if (unused != null) {
            unused.close();
        }
    }

    private BridgeHarness start(DemoAccountStore accounts) throws Exception {
        yonbip = YonbipStandIn.standard(SECRET).start(0);
        crm = new DemoSalesforceServer(accounts, "it-client", "it-secret");
        crm.start(0);
        unused = TestErp.create(TestErp.Kind.H2, tmp);
        BridgeHarness bridge = new BridgeHarness(tmp.resolve("data"), crm.loginUrl(), "it-secret", unused);
        bridge.overrides.remove("bridge.erp.jdbc-url"); // no ERP database: YonBIP only
        bridge.overrides.remove("bridge.erp.username");
        bridge.overrides.putAll(yonbip.bridgeSettings(SECRET));
        bridge.overrides.put("bridge.erp.yonbip.timeout", "2s");
        bridge.overrides.put("bridge.flows.customer-master.batch-size", "100");
        return bridge;
    }

    private static DemoAccountStore accounts(int n) {
        DemoAccountStore accounts = DemoAccountStore.empty(Clock.systemUTC());
        for (int i = 0; i < n; i++) {
            accounts.create(Map.of("Name", "用友测试客户 " + i + " 有限公司", "CurrencyIsoCode", "CNY"));
        }
        return accounts;
    }

    /** One merchant per CRM id, in organisation ORG01, each CRM account carrying its merchant's code. */
    private void assertOneMerchantPerAccountAndCodesBack(DemoAccountStore accounts, int expected) {
        List<Map<String, Object>> merchants = yonbip.merchants();
        Map<Object, Long> perCrmId = new HashMap<>();
        merchants.forEach(m -> perCrmId.merge(m.get("erpCode"), 1L, Long::sum));
        assertThat(perCrmId.values()).as("merchants per CRM id").containsOnly(1L);
        assertThat(merchants).hasSize(expected);
        for (Map<String, Object> m : merchants) {
            Map<String, Object> account = accounts.get(String.valueOf(m.get("erpCode"))).orElseThrow();
            assertThat(account.get("ERP_Customer_No__c")).as("code written back").isEqualTo(m.get("code"));
            assertThat(m.get("name")).isEqualTo(Map.of("zh_CN", account.get("Name")));
            assertThat(m.get("createOrg_code")).isEqualTo("ORG01");
        }
    }

    private long tokenRequests() {
        return yonbip.calls().getOrDefault(YonbipClient.TOKEN_PATH, 0L);
    }

    // Guards: one merchant YonBIP refuses taking its batch down, tokens expiring mid-load losing or doubling merchants,
    // and a second run saving again what is already there.
    @Test
    void accountsBecomeMerchantsOnceTheRefusedOneIsDeadLetteredAndExpiredTokensAreFetchedAgain() throws Exception {
        DemoAccountStore accounts = accounts(150);
        String tooLong = (String) accounts.create(Map.of("Name", "名".repeat(201), "CurrencyIsoCode", "CNY")).get("Id");
        BridgeHarness bridge = start(accounts);
        yonbip.expireTokensAfter(40); // several tokens die during this load

        FlowStats.Counters run1 = bridge.runOnce();
        assertThat(run1.delivered.get()).isEqualTo(150);
        assertThat(run1.deadLettered.get()).isEqualTo(1);
        assertOneMerchantPerAccountAndCodesBack(accounts, 150);
        long saves = yonbip.calls().get(YonbipForms.MERCHANT_SAVE);
        // 151 saves, a token dies every 40 business calls (list included): one new token and one retry each time
        assertThat(tokenRequests()).as("token requests").isGreaterThanOrEqualTo(4);
        assertThat(saves).as("each dead token costs one repeated call, nothing more").isLessThanOrEqualTo(151 + tokenRequests());
        assertThat(accounts.get(tooLong).orElseThrow().get("ERP_Customer_No__c")).isNull();
        try (StateStore store = StateStore.open(bridge.config(), 2)) {
            List<DeadLetter> letters = store.deadLetters().list("customer-master", false);
            assertThat(letters).singleElement().satisfies(d -> {
                assertThat(d.sourceId()).isEqualTo(tooLong);
                assertThat(d.reasonCode()).isEqualTo("ERP_REJECTED");
                assertThat(d.reason()).isEqualTo("YonBIP refused the merchant " + tooLong + " of CRM record " + tooLong
                        + ": 客户名称(name)长度超过最大长度200 (code 999)");
                assertThat(d.reason()).doesNotContain(SECRET);
            });
        }

        // run 2: the write-backs changed every account; YonBIP is asked, nothing is saved again
        FlowStats.Counters run2 = bridge.runOnce();
        assertThat(run2.delivered.get()).isZero();
        assertThat(yonbip.calls().get(YonbipForms.MERCHANT_SAVE)).isEqualTo(saves);
        assertOneMerchantPerAccountAndCodesBack(accounts, 150);
    }

    // Guards: a save YonBIP applied but answered after the client's timeout being saved a second time on the retry.
    @Test
    void aSaveAnsweredAfterTheTimeoutIsNotSavedTwiceItsKeyAnswersTheFirstResult() throws Exception {
        DemoAccountStore accounts = accounts(60);
        BridgeHarness bridge = start(accounts);
        // applied 3 s after it arrives: the client gives up at 2 s, its retry looks the merchant up before it exists
        // and sends the same resubmitCheckKey, which YonBIP answers with the first save's result
        yonbip.answerSavesLate(1, Duration.ofSeconds(3));

        FlowStats.Counters run = bridge.runOnce();
        assertThat(run.delivered.get()).isEqualTo(60);
        assertThat(run.deadLettered.get()).isZero();
        assertOneMerchantPerAccountAndCodesBack(accounts, 60);
        assertThat(yonbip.replayedSaves()).as("the retry answered by its key").isEqualTo(1);
    }

    // Guards: a wrong app secret looping on token requests instead of stopping the run with YonBIP's reason.
    @Test
    void aWrongAppSecretStopsTheRunWithYonbipsReason() throws Exception {
        BridgeHarness bridge = start(accounts(3));
        bridge.overrides.put("bridge.erp.yonbip.app-secret", "not-the-" + SECRET);
        assertThatThrownBy(bridge::runOnce).hasMessageContaining("签名验证失败").hasMessageNotContaining(SECRET);
        assertThat(tokenRequests()).isLessThanOrEqualTo(2);
        assertThat(yonbip.merchants()).isEmpty();
    }
}
