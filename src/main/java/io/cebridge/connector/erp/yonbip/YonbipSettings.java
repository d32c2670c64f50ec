package io.cebridge.connector.erp.yonbip;

import io.cebridge.config.BridgeConfig;
import io.cebridge.config.BridgeKeys;
import io.cebridge.config.ConfigException;
import io.cebridge.config.ConfigKey;
import io.cebridge.config.Secret;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Where and as which app the YonBIP OpenAPI is called; {@code toString} never shows the app secret. */
public record YonbipSettings(String tokenUrl, String gatewayUrl, String appKey, Secret appSecret, String orgCode,
                             String crmIdField, Duration timeout) {
    public YonbipSettings {
        tokenUrl = tokenUrl.replaceAll("/+$", "");
        gatewayUrl = gatewayUrl.replaceAll("/+$", "");
    }

    /** The settings bridge.erp.yonbip.* give; throws a ConfigException naming each missing key. */
    public static YonbipSettings from(BridgeConfig cfg) {
        List<String> missing = new ArrayList<>();
        for (ConfigKey<String> k : List.of(BridgeKeys.YB_TOKEN_URL, BridgeKeys.YB_GATEWAY_URL, BridgeKeys.YB_APP_KEY,
                BridgeKeys.YB_APP_SECRET, BridgeKeys.YB_ORG_CODE)) {
            if (cfg.get(k).isBlank()) {
                missing.add(k.name() + ": required with bridge.erp.type=yonbip"
                        + (k.secret() ? " (set " + k.envName() + " or " + k.envName() + "_FILE)" : ""));
            }
        }
        if (!missing.isEmpty()) {
            throw new ConfigException(missing);
        }
        return new YonbipSettings(cfg.get(BridgeKeys.YB_TOKEN_URL), cfg.get(BridgeKeys.YB_GATEWAY_URL),
                cfg.get(BridgeKeys.YB_APP_KEY), cfg.secret(BridgeKeys.YB_APP_SECRET), cfg.get(BridgeKeys.YB_ORG_CODE),
                cfg.get(BridgeKeys.YB_CRM_ID_FIELD), cfg.get(BridgeKeys.YB_TIMEOUT));
    }

    /** The same settings with a request timeout of at most {@code limit} (the start checks are short). */
    public YonbipSettings withTimeoutAtMost(Duration limit) {
        return new YonbipSettings(tokenUrl, gatewayUrl, appKey, appSecret, orgCode, crmIdField,
                timeout.compareTo(limit) < 0 ? timeout : limit);
    }

    @Override
    public String toString() {
        return "YonbipSettings[" + gatewayUrl + ", token " + tokenUrl + ", app " + appKey + ", org " + orgCode + "]";
    }
}
