package io.cebridge.api;

import io.cebridge.config.BridgeConfig;
import io.cebridge.config.BridgeKeys;
import io.cebridge.connector.erp.kingdee.KingdeeClient;
import io.cebridge.connector.erp.kingdee.KingdeeForms;
import io.cebridge.connector.erp.kingdee.KingdeeSettings;
import java.sql.Connection;
import java.util.List;
import javax.sql.DataSource;

/**
 * How /health asks the ERP whether it answers: a valid JDBC connection, or for Kingdee a one-row ExecuteBillQuery on
 * BD_Customer through a session of its own (logged in once, again only when Kingdee lost it), for YonBIP a one-record
 * list of the customer archive through a token of its own. Null when no ERP is
 * configured. {@link #check()} returns null when the ERP answers, else a short reason (no ERP text: /health is
 * unauthenticated).
 */
@FunctionalInterface
interface ErpProbe {
    String check() throws Exception;

    static ErpProbe of(BridgeConfig cfg, DataSource pool) {
        if ("kingdee".equals(cfg.get(BridgeKeys.ERP_TYPE))) {
            KingdeeForms forms = new KingdeeForms(new KingdeeClient(KingdeeSettings.from(cfg)));
            return () -> {
                forms.page("BD_Customer", List.of("FNumber"), "", "", 0, 1);
                return null;
            };
        }
        if ("yonbip".equals(cfg.get(BridgeKeys.ERP_TYPE))) {
            // a one-record list of the customer archive through a token of its own (fetched again when it lapses)
            io.cebridge.connector.erp.yonbip.YonbipForms forms = new io.cebridge.connector.erp.yonbip.YonbipForms(
                    new io.cebridge.connector.erp.yonbip.YonbipClient(io.cebridge.connector.erp.yonbip.YonbipSettings
                            .from(cfg)));
            return () -> {
                forms.list(io.cebridge.connector.erp.yonbip.YonbipForms.MERCHANT_LIST, List.of(), 1);
                return null;
            };
        }
        if (pool == null) {
            return null;
        }
        return () -> {
            try (Connection c = pool.getConnection()) {
                return c.isValid((int) HealthCheck.TIMEOUT.toSeconds()) ? null : "connection not valid";
            }
        };
    }
}
