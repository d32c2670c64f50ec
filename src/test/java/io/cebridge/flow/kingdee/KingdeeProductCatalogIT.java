package io.cebridge.flow.kingdee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cebridge.demo.DemoAccountStore;
import io.cebridge.demo.DemoObjectStore;
import io.cebridge.demo.DemoSalesforceServer;
import io.cebridge.demo.kingdee.KingdeeStandIn;
import io.cebridge.demo.kingdee.StandInBills;
import io.cebridge.demo.kingdee.StandInMaterials;
import io.cebridge.it.BridgeHarness;
import io.cebridge.it.TestErp;
import io.cebridge.runtime.BridgeRuntime;
import io.cebridge.store.DeadLetter;
import java.math.BigDecimal;
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
 * product-catalog from Kingdee (the stand-in's BD_MATERIAL with its STK_Inventory rows) on the real runtime, Kafka,
 * the H2 state store and the demo CRM.
 * Guards: materials or their stock lost or doubled on the way to Product2 / ERP_Stock_Level__c; a stock change in
 * STK_Inventory (a form without FModifyDate) not reaching the CRM; lost sessions and HTTP 519 failing the flow; a
 * material that cannot be read holding back the others or dead-lettered without naming its form and id.
 */
class KingdeeProductCatalogIT {
    private static final String FLOW = "product-catalog";
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

    private static Map<String, Map<String, Object>> byKey(DemoObjectStore objects, String type, String key) {
        Map<String, Map<String, Object>> out = new HashMap<>();
        objects.records(type).forEach(r -> out.put(String.valueOf(r.get(key)), r));
        return out;
    }

    @Test
    void materialsAndTheirStockReachTheCrmOnceAndStockChangesFollow() throws Exception {
        kingdee = KingdeeStandIn.standard(SECRET, "F_CRM_ID").start(0);
        StandInBills bills = kingdee.bills();
        StandInMaterials.seed(bills);
        long forbidden = bills.ids(StandInMaterials.MATERIALS).get(4);
        bills.update(StandInMaterials.MATERIALS, forbidden, Map.of("FForbidStatus", "B"));
        long broken = bills.ids(StandInMaterials.MATERIALS).get(3);
        bills.update(StandInMaterials.MATERIALS, broken, Map.of("FForbidStatus", "X"));
        int stockRows = bills.ids(StandInMaterials.STOCK).size();
        DemoObjectStore objects = new DemoObjectStore(Clock.systemUTC());
        crm = new DemoSalesforceServer(DemoAccountStore.empty(Clock.systemUTC()), objects, "it-client", "it-secret");
        crm.start(0);
        unused = TestErp.create(TestErp.Kind.H2, tmp);
        BridgeHarness bridge = new BridgeHarness(tmp.resolve("data"), crm.loginUrl(), "it-secret", unused);
        bridge.overrides.remove("bridge.erp.jdbc-url");
        bridge.overrides.remove("bridge.erp.username");
        bridge.overrides.putAll(kingdee.bridgeSettings(SECRET));
        bridge.overrides.put("bridge.erp.kingdee.timeout", "2s");
        bridge.overrides.put("bridge.flows.customer-master.enabled", "false");
        bridge.enable(FLOW);
        bridge.overrides.put("bridge.flows." + FLOW + ".batch-size", "2");
        kingdee.expireSessionsAfter(4);
        kingdee.overload(1);

        try (BridgeRuntime runtime = new BridgeRuntime(bridge.config(), false).start()) {
            String brokenNo = String.valueOf(bills.get(StandInMaterials.MATERIALS, broken).get("FNUMBER"));
            int brokenStock = 1 + 3 % 2; // seeded rows of the fourth material
            await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
                assertThat(objects.records("Product2")).hasSize(4);
                assertThat(objects.records("ERP_Stock_Level__c")).hasSize(stockRows - brokenStock);
                assertThat(runtime.store().deadLetters().list(FLOW, false)).hasSize(1);
            });
            Map<String, Map<String, Object>> products = byKey(objects, "Product2", "ERP_Product_Code__c");
            assertThat(products.get("02.04.03.089")).containsEntry("Name", "不锈钢六角螺栓 M8×30")
                    .containsEntry("Family", "紧固件").containsEntry("QuantityUnitOfMeasure", "Pcs")
                    .containsEntry("IsActive", true);
            assertThat(products.get(String.valueOf(bills.get(StandInMaterials.MATERIALS, forbidden).get("FNUMBER"))))
                    .containsEntry("IsActive", false);
            assertThat(products).doesNotContainKey(brokenNo);
            Map<String, Object> stock = byKey(objects, "ERP_Stock_Level__c", "ERP_Stock_Key__c").get("02.04.03.089|CK001");
            assertThat(new BigDecimal(stock.get("Available__c").toString())).isEqualByComparingTo("100");
            DeadLetter letter = runtime.store().deadLetters().list(FLOW, false).get(0);
            assertThat(letter.sourceId()).isEqualTo("product:" + brokenNo);
            assertThat(letter.reason()).isEqualTo("Kingdee BD_MATERIAL FMATERIALID " + broken + " (FNumber " + brokenNo
                    + "): FForbidStatus holds 'X', which product-catalog/kingdee-material-status.csv does not list");

            // a stock movement in Kingdee (STK_Inventory only; the material is unchanged) reaches the CRM
            StandInMaterials.addStock(bills, "02.04.03.089", "CK002", "Pcs", new BigDecimal("40.000"),
                    new BigDecimal("5.000"));
            await().atMost(Duration.ofSeconds(30)).until(() -> byKey(objects, "ERP_Stock_Level__c", "ERP_Stock_Key__c")
                    .containsKey("02.04.03.089|CK002"));
            assertThat(new BigDecimal(byKey(objects, "ERP_Stock_Level__c", "ERP_Stock_Key__c").get("02.04.03.089|CK002")
                    .get("Available__c").toString())).isEqualByComparingTo("35");
            assertThat(objects.records("Product2")).hasSize(4);
            assertThat(kingdee.calls().get("LoginByAppSecret")).isGreaterThan(1);
        }
    }

    @Test
    void pollingAFormByAStampItDoesNotHaveStopsWithKingdeesMessage() throws Exception {
        kingdee = KingdeeStandIn.standard(SECRET, "F_CRM_ID").start(0);
        io.cebridge.connector.erp.kingdee.KingdeeForms forms = new io.cebridge.connector.erp.kingdee.KingdeeForms(
                new io.cebridge.connector.erp.kingdee.KingdeeClient(new io.cebridge.connector.erp.kingdee.KingdeeSettings(
                        kingdee.serverUrl(), kingdee.acctId(), kingdee.username(), kingdee.appId(),
                        new io.cebridge.config.Secret(SECRET), 2052, Duration.ofSeconds(5))));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new io.cebridge.connector.erp.kingdee.KingdeeChangeReader(
                forms, StandInMaterials.STOCK, "FID", "FModifyDate", List.of("FMaterialId.FNumber"), 100).after(null))
                .isInstanceOf(io.cebridge.error.SystemFailureException.class)
                .hasMessageContaining("元数据中标识为FModifyDate的字段不存在");
    }
}
