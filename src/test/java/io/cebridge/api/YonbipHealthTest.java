package io.cebridge.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.cebridge.config.BridgeConfig;
import io.cebridge.connector.erp.yonbip.YonbipForms;
import io.cebridge.demo.yonbip.YonbipStandIn;
import io.cebridge.runtime.FlowFailures;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** /health with YonBIP as the ERP: UP while its OpenAPI answers a list, DOWN when it does not (no JDBC pool asked). */
class YonbipHealthTest {
    private static final String SECRET = "health-yb-secret";

    @Test
    void theErpIsUpWhileYonbipAnswersAndDownWhenItStops() throws Exception {
        YonbipStandIn yonbip = YonbipStandIn.standard(SECRET).start(0);
        Map<String, String> o = new HashMap<>(yonbip.bridgeSettings(SECRET));
        o.put("bridge.flows.customer-master.enabled", "false");
        BridgeConfig cfg = BridgeConfig.load(null, Map.of(), new Properties(), o);
        JdbcDataSource store = new JdbcDataSource();
        store.setURL("jdbc:h2:mem:yonbip-health");
        try (HealthCheck health = new HealthCheck(ErpProbe.of(cfg, null), store, "127.0.0.1:1", new FlowFailures())) {
            assertThat(erp(health)).containsEntry("status", "UP");
            assertThat(yonbip.calls()).containsKey(YonbipForms.MERCHANT_LIST);
            yonbip.answerHtml(1);
            assertThat(erp(health)).containsEntry("status", "DOWN");
            yonbip.close();
            assertThat(erp(health)).containsEntry("status", "DOWN");
        } finally {
            yonbip.close();
        }
    }

    private static Map<String, Object> erp(HealthCheck health) {
        @SuppressWarnings("unchecked") Map<String, Object> erp = (Map<String, Object>) ((Map<?, ?>) health.check().get("components")).get("erp");
        return erp;
    }
}
