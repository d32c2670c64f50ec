package io.cebridge.component;

import io.cebridge.config.BridgeConfig;
import io.cebridge.config.BridgeKeys;
import io.cebridge.connector.erp.yonbip.YonbipClient;
import io.cebridge.connector.erp.yonbip.YonbipFormWriter;
import io.cebridge.connector.erp.yonbip.YonbipForms;
import io.cebridge.connector.erp.yonbip.YonbipSettings;

/**
 * The YonBIP OpenAPI behind the erp: component when bridge.erp.type=yonbip: one client (one access token) per
 * process, and the archive each ERP table of the route files stands for (erp_customer: the customer archive).
 */
final class YonbipErp {
    private final BridgeConfig cfg;
    private final YonbipForms forms;

    YonbipErp(BridgeConfig cfg) {
        this.cfg = cfg;
        this.forms = new YonbipForms(new YonbipClient(YonbipSettings.from(cfg)));
    }

    static boolean configured(BridgeConfig cfg) {
        return "yonbip".equals(cfg.get(BridgeKeys.ERP_TYPE));
    }

    YonbipClient client() {
        return forms.client();
    }

    /** The writer of the archive standing for {@code table}; claiming by a column (claimBy=) is not done over YonBIP. */
    YonbipFormWriter writer(String uri, String table) {
        if (!"erp_customer".equals(table)) {
            throw new IllegalArgumentException(uri + ": no YonBIP archive stands for ERP table " + table + " yet (with"
                    + " bridge.erp.type=yonbip only customer-master, erp_customer -> merchant, is supported; see"
                    + " docs/erp-yonbip.md)");
        }
        return new YonbipFormWriter(forms, new YonbipFormWriter.Target("merchant", cfg.get(BridgeKeys.YB_CRM_ID_FIELD),
                cfg.get(BridgeKeys.YB_ORG_CODE)));
    }
}
