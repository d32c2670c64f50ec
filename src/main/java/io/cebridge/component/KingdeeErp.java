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
    /**
     * The reference ERP's tables that have a Kingdee form so far: table -> form, internal id, number, claim field,
     * organisation fields, create-only fields. What goes into a document is the flow's Kingdee mapping's business.
     */
    private static final Map<String, List<String>> FORMS = Map.of(
            "erp_customer", List.of("BD_Customer", "FCUSTID", "FNumber", "FTaxRegisterCode", "FCreateOrgId,FUseOrgId", ""),
            "erp_sales_order", List.of("SAL_SaleOrder", "FID", "FBillNo", "", "FSaleOrgId", "FDate"),
            // a customer's contact (联系人); FCompanyType says what kind of company FCompany names, set once
            "erp_customer_contact", List.of("BD_CommonContact", "FCONTACTID", "FNumber", "", "FCreateOrgId,FUseOrgId",
                    "FCompanyType"));
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
            String named = form;
            f = FORMS.values().stream().filter(v -> v.get(0).equals(named)).findFirst()
                    .orElse(List.of(form, "FID", "FNumber", "", "FCreateOrgId,FUseOrgId", ""));
        }
        if (f == null) {
            throw new IllegalArgumentException(uri + ": no Kingdee form stands for ERP table " + table + " yet (with"
                    + " bridge.erp.type=kingdee: erp_customer -> BD_Customer, erp_sales_order -> SAL_SaleOrder,"
                    + " erp_customer_contact -> BD_CommonContact; see"
                    + " docs/erp-kingdee.md)");
        }
        return new KingdeeFormWriter(forms, new KingdeeFormWriter.Target(f.get(0), f.get(1), f.get(2),
                cfg.get(BridgeKeys.KD_CRM_ID_FIELD), cfg.get(BridgeKeys.KD_ORG_NUMBER),
                cfg.get(BridgeKeys.KD_SUBMIT_AND_AUDIT), claim && !f.get(3).isEmpty() ? f.get(3) : null,
                List.of(f.get(4).split(",")), f.get(5).isEmpty() ? java.util.Set.of() : java.util.Set.of(f.get(5).split(","))));
    }

    /**
     * What a requirements rule's {@code table} (a Kingdee form, e.g. BD_MATERIAL) holds: the documents whose
     * {@code column} (e.g. FNumber) has one of the values, read with ExecuteBillQuery, keys in lower case.
     */
    io.cebridge.flow.crmtoerp.Requirements.Finder finder(String form, String column) {
        return (ignored, values, extra) -> {
            List<String> keys = new java.util.ArrayList<>(List.of(column));
            extra.stream().filter(e -> !e.equalsIgnoreCase(column)).forEach(keys::add);
            List<Map<String, Object>> out = new java.util.ArrayList<>();
            List<String> all = values.stream().map(String::valueOf).distinct().toList();
            for (int from = 0; from < all.size(); from += 500) {
                List<String> chunk = all.subList(from, Math.min(all.size(), from + 500));
                String filter = column + " IN (" + String.join(",", chunk.stream()
                        .map(v -> "'" + v.replace("'", "''") + "'").toList()) + ")";
                for (List<Object> row : forms.query(form, keys, filter, "", KingdeeForms.MAX_PAGE)) {
                    Map<String, Object> m = new java.util.LinkedHashMap<>();
                    for (int i = 0; i < keys.size(); i++) {
                        Object v = row.get(i);
                        m.put(keys.get(i).toLowerCase(java.util.Locale.ROOT),
                                v instanceof java.math.BigDecimal d ? d.toPlainString() : v);
                    }
                    out.add(m);
                }
            }
            return out;
        };
    }
}
