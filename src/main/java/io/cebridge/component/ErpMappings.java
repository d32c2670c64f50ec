package io.cebridge.component;

import io.cebridge.config.BridgeConfig;
import io.cebridge.config.BridgeKeys;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Picks a mapping's twin for the configured ERP: with bridge.erp.type=T other than jdbc, a step:map naming F.jsonata
 * uses F.T.jsonata where that file exists (customer-to-erp-customer.kingdee.jsonata gives Kingdee's BD_Customer
 * model instead of the reference ERP's columns), so one route file serves every ERP; CRM-side mappings have no twin.
 * So does a rules file F.yaml (requirements.kingdee.yaml names Kingdee forms instead of ERP tables).
 */
final class ErpMappings {
    private ErpMappings() {
    }

    static String forErp(BridgeConfig cfg, Path root, String mapping) {
        String type = cfg.get(BridgeKeys.ERP_TYPE);
        String ext = mapping.endsWith(".jsonata") ? ".jsonata" : mapping.endsWith(".yaml") ? ".yaml" : null;
        if ("jdbc".equals(type) || ext == null) {
            return mapping;
        }
        String twin = mapping.substring(0, mapping.length() - ext.length()) + "." + type + ext;
        return Files.isRegularFile(root.resolve(twin)) ? twin : mapping;
    }
}
