package io.cebridge.flow.salesforecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cebridge.config.BridgeConfig;
import io.cebridge.config.Secret;
import io.cebridge.connector.crm.salesforce.SalesforceClient;
import io.cebridge.demo.DemoAccountStore;
import io.cebridge.demo.DemoObjectStore;
import io.cebridge.demo.DemoSalesforceServer;
import io.cebridge.it.BridgeHarness;
import io.cebridge.it.TestErp;
import io.cebridge.runtime.BridgeRuntime;
import io.cebridge.store.DeadLetter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The sales-forecast flow, declared by routes/sales-forecast.yaml and mappings/sales-forecast/ only, end to end on the
 * real runtime against the demo Salesforce API and the reference ERP on H2 and PostgreSQL.
 */
class SalesForecastFlowIT {
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

    // Guards: lines lost or doubled, a weighted quantity rounded in floating point, unknown products written half, and
    // a Closed Lost opportunity still planned for production.
    @ParameterizedTest
    @EnumSource(value = TestErp.Kind.class, names = {"H2", "POSTGRESQL"})
    void opportunityLinesBecomeWeightedDemandAndClosedLostZeroesThem(TestErp.Kind kind) throws Exception {
        DemoAccountStore accounts = DemoAccountStore.seeded(Clock.systemUTC());
        DemoObjectStore objects = new DemoObjectStore(Clock.systemUTC());
        String account = accounts.all().stream().filter(a -> "Alfreds Futterkiste".equals(String.valueOf(a.get("Name"))
                .strip())).findFirst().orElseThrow().get("Id").toString();
        String p1 = objects.seed("Product2", Map.of("Name", "1969 Harley Davidson Ultimate Chopper",
                "ERP_Product_Code__c", "S10_1678"));
        String p2 = objects.seed("Product2", Map.of("Name", "1952 Alpine Renault 1300", "ERP_Product_Code__c", "S10_1949"));
        String unknown = objects.seed("Product2", Map.of("Name", "Not in the ERP", "ERP_Product_Code__c", "NO_SUCH_CODE"));
        String planned = objects.seed("Opportunity", opportunity(account, "Negotiation/Review", 70, "2026-12-15"));
        String l1 = objects.seed("OpportunityLineItem", line(planned, p1, new BigDecimal("3")));
        String l2 = objects.seed("OpportunityLineItem", line(planned, p2, new BigDecimal("12.5")));
        String broken = objects.seed("Opportunity", opportunity(account, "Prospecting", 10, "2027-01-31"));
        objects.seed("OpportunityLineItem", line(broken, unknown, new BigDecimal("1")));
        erp = TestErp.create(kind, tmp, true); // with the reference products
        crm = new DemoSalesforceServer(accounts, objects, "it-client", "it-secret");
        crm.start(0);
        BridgeHarness bridge = new BridgeHarness(tmp.resolve("data"), crm.loginUrl(), "it-secret", erp);
        for (String flow : new String[] {"customer-master", "sales-forecast"}) {
            bridge.overrides.put("bridge.flows." + flow + ".enabled", "true");
            bridge.overrides.put("bridge.flows." + flow + ".poll-interval", "1s");
        }
        BridgeConfig cfg = BridgeConfig.load(null, Map.of(), new Properties(), bridge.overrides);
        try (BridgeRuntime runtime = new BridgeRuntime(cfg, false).start()) {
            await().atMost(Duration.ofSeconds(90)).until(() -> count("crm_opportunity_id = '" + planned + "'") == 2);
            long customerNo = Long.parseLong(String.valueOf(accounts.get(account).orElseThrow().get("ERP_Customer_No__c")));
            Map<String, Object> first = row(l1);
            assertThat(((Number) first.get("customer_no")).longValue()).isEqualTo(customerNo);
            assertThat(first.get("product_code")).isEqualTo("S10_1678");
            assertThat(first.get("expected_month")).isEqualTo("2026-12");
            assertThat((BigDecimal) first.get("quantity")).isEqualByComparingTo("3");
            assertThat((BigDecimal) first.get("weighted_quantity")).isEqualByComparingTo("2.1");
            assertThat((BigDecimal) row(l2).get("weighted_quantity")).isEqualByComparingTo("8.75");

            // a line whose product the ERP does not know: the opportunity is dead-lettered naming the line
            Map<String, String> reasons = new HashMap<>();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                reasons.clear();
                for (DeadLetter d : runtime.store().deadLetters().list("sales-forecast", false)) {
                    reasons.put(d.sourceId(), d.reasonCode());
                }
                assertThat(reasons).containsEntry(broken, "ERP_REJECTED");
            });
            assertThat(count("crm_opportunity_id = '" + broken + "'")).isZero();

            // Closed Lost: the lines stay, zeroed; no row is added
            SalesforceClient sf = new SalesforceClient(crm.loginUrl(), "it-client", new Secret("it-secret"), "60.0",
                    Duration.ofSeconds(10), 2000, io.cebridge.connector.crm.salesforce.HostPolicy.localStandIn());
            Map<String, Object> lost = new LinkedHashMap<>();
            lost.put("Id", planned);
            lost.put("StageName", "Closed Lost");
            lost.put("Probability", 0);
            assertThat(sf.update("Opportunity", List.of(lost), false).get(0).success()).isTrue();
            await().atMost(Duration.ofSeconds(60)).until(() -> ((BigDecimal) row(l1).get("quantity")).signum() == 0);
            assertThat((BigDecimal) row(l2).get("quantity")).isEqualByComparingTo("0");
            assertThat((BigDecimal) row(l2).get("weighted_quantity")).isEqualByComparingTo("0");
            assertThat(row(l2).get("stage")).isEqualTo("Closed Lost");
            assertThat(count("crm_opportunity_id = '" + planned + "'")).isEqualTo(2);
        }
    }

    private static Map<String, Object> opportunity(String account, String stage, int probability, String closeDate) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("Name", "Forecast " + stage);
        o.put("AccountId", account);
        o.put("StageName", stage);
        o.put("Probability", probability);
        o.put("CloseDate", closeDate);
        o.put("CurrencyIsoCode", "EUR");
        o.put("ForecastCategoryName", "Pipeline");
        return o;
    }

    private static Map<String, Object> line(String opportunity, String product, BigDecimal quantity) {
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("OpportunityId", opportunity);
        l.put("Product2Id", product);
        l.put("Quantity", quantity);
        return l;
    }

    private long count(String where) throws Exception {
        return erp.scalar("SELECT COUNT(*) FROM erp_demand_forecast WHERE " + where);
    }

    private Map<String, Object> row(String lineId) throws Exception {
        return erp.row("SELECT * FROM erp_demand_forecast WHERE crm_line_id = '" + lineId + "'");
    }
}
