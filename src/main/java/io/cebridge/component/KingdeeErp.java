package io.cebridge.component;

import io.cebridge.config.BridgeConfig;
import io.cebridge.config.BridgeKeys;
import io.cebridge.connector.erp.kingdee.KingdeeClient;
import io.cebridge.connector.erp.kingdee.KingdeeFormWriter;
import io.cebridge.connector.erp.kingdee.KingdeeForms;
import io.cebridge.connector.erp.kingdee.KingdeeSettings;
import java.util.List;
import java.util.Map;

/**
 * The Kingdee WebAPI behind the erp: component when bridge.erp.type=kingdee: one client (one session) per process,
 * and the Kingdee form each ERP table of the route files stands for.
 */
final class KingdeeErp {
    /** The reference ERP's tables that have a Kingdee form so far: table -> form, internal id, number, claim field. */
    private static final Map<String, List<String>> FORMS = Map.of("erp_customer",
            List.of("BD_Customer", "FCUSTID", "FNumber", "FTaxRegisterCode"));
    private final BridgeConfig cfg;
    private final KingdeeForms forms;

    KingdeeErp(BridgeConfig cfg) {
        this.cfg = cfg;
        this.forms = new KingdeeForms(new KingdeeClient(KingdeeSettings.from(cfg)));
    }

    static boolean configured(BridgeConfig cfg) {
        return "kingdee".equals(cfg.get(BridgeKeys.ERP_TYPE));
    }

    KingdeeClient client() {
        return forms.client();
    }

    /**
     * The writer of the Kingdee form standing for {@code table} (or named by the endpoint's form= option);
     * {@code claim}: the route claims rows made by hand (claimBy=): the form's claim field (the tax code) does it here.
     */
    KingdeeFormWriter writer(String uri, String table, String form, boolean claim) {
        List<String> f = FORMS.get(table);
        if (form != null && !form.isBlank()) {
            f = form.equals("BD_Customer") ? FORMS.get("erp_customer") : List.of(form, "FID", "FNumber", "");
        }
        if (f == null) {
            throw new IllegalArgumentException(uri + ": no Kingdee form stands for ERP table " + table + " yet (with"
                    + " bridge.erp.type=kingdee only customer-master, erp_customer -> BD_Customer, is supported; see"
                    + " docs/erp-kingdee.md)");
        }
        return new KingdeeFormWriter(forms, new KingdeeFormWriter.Target(f.get(0), f.get(1), f.get(2),
                cfg.get(BridgeKeys.KD_CRM_ID_FIELD), cfg.get(BridgeKeys.KD_ORG_NUMBER),
                cfg.get(BridgeKeys.KD_SUBMIT_AND_AUDIT), claim && !f.get(3).isEmpty() ? f.get(3) : null));
    }
}
