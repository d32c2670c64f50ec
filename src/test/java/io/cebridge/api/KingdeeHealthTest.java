package io.cebridge.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.cebridge.config.BridgeConfig;
import io.cebridge.demo.kingdee.KingdeeStandIn;
import io.cebridge.runtime.FlowFailures;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** /health with Kingdee as the ERP: UP while its WebAPI answers a query, DOWN when it does not (no JDBC pool asked). */
class KingdeeHealthTest {
    private static final String SECRET = "health-app-secret";

    @Test
    void theErpIsUpWhileKingdeeAnswersAndDownWhenItStops() throws Exception {
        KingdeeStandIn kingdee = KingdeeStandIn.standard(SECRET, "F_CRM_ID").start(0);
        Map<String, String> o = new HashMap<>();
        o.put("bridge.flows.customer-master.enabled", "false");
        o.put("bridge.erp.type", "kingdee");
        o.put("bridge.erp.kingdee.server-url", kingdee.serverUrl());
        o.put("bridge.erp.kingdee.acct-id", kingdee.acctId());
        o.put("bridge.erp.kingdee.username", kingdee.username());
        o.put("bridge.erp.kingdee.app-id", kingdee.appId());
        o.put("bridge.erp.kingdee.app-secret", SECRET);
        BridgeConfig cfg = BridgeConfig.load(null, Map.of(), new Properties(), o);
        JdbcDataSource store = new JdbcDataSource();
        store.setURL("jdbc:h2:mem:kingdee-health");
        try (HealthCheck health = new HealthCheck(ErpProbe.of(cfg, null), store, "127.0.0.1:1", new FlowFailures())) {
            assertThat(erp(health)).containsEntry("status", "UP");
            assertThat(kingdee.calls()).containsKey("ExecuteBillQuery");
            kingdee.close();
            assertThat(erp(health)).containsEntry("status", "DOWN");
        } finally {
            kingdee.close();
        }
    }

    private static Map<String, Object> erp(HealthCheck health) {
        @SuppressWarnings("unchecked") Map<String, Object> erp = (Map<String, Object>) ((Map<?, ?>) health.check().get("components")).get("erp");
        return erp;
    }
}
