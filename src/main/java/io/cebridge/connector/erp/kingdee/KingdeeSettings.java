package io.cebridge.connector.erp.kingdee;

import io.cebridge.config.Secret;
import java.time.Duration;

/** Where and as whom the Kingdee WebAPI is called; {@code toString} never shows the app secret. */
public record KingdeeSettings(String serverUrl, String acctId, String username, String appId, Secret appSecret,
                              int lcid, Duration timeout) {
    public KingdeeSettings {
        serverUrl = serverUrl.replaceAll("/+$", "");
    }

    /** The settings bridge.erp.kingdee.* give; throws a ConfigException naming each missing key. */
    public static KingdeeSettings from(io.cebridge.config.BridgeConfig cfg) {
        java.util.List<String> missing = new java.util.ArrayList<>();
        for (var k : java.util.List.of(io.cebridge.config.BridgeKeys.KD_SERVER_URL, io.cebridge.config.BridgeKeys.KD_ACCT_ID,
                io.cebridge.config.BridgeKeys.KD_USERNAME, io.cebridge.config.BridgeKeys.KD_APP_ID,
                io.cebridge.config.BridgeKeys.KD_APP_SECRET)) {
            if (cfg.get(k).isBlank()) {
                missing.add(k.name() + ": required with bridge.erp.type=kingdee"
                        + (k.secret() ? " (set " + k.envName() + " or " + k.envName() + "_FILE)" : ""));
            }
        }
        if (!missing.isEmpty()) {
            throw new io.cebridge.config.ConfigException(missing);
        }
        return new KingdeeSettings(cfg.get(io.cebridge.config.BridgeKeys.KD_SERVER_URL),
                cfg.get(io.cebridge.config.BridgeKeys.KD_ACCT_ID), cfg.get(io.cebridge.config.BridgeKeys.KD_USERNAME),
                cfg.get(io.cebridge.config.BridgeKeys.KD_APP_ID), cfg.secret(io.cebridge.config.BridgeKeys.KD_APP_SECRET),
                cfg.get(io.cebridge.config.BridgeKeys.KD_LCID), cfg.get(io.cebridge.config.BridgeKeys.KD_TIMEOUT));
    }

    /** The same settings with a request timeout of at most {@code limit} (the start checks are short). */
    public KingdeeSettings withTimeoutAtMost(Duration limit) {
        return new KingdeeSettings(serverUrl, acctId, username, appId, appSecret, lcid,
                timeout.compareTo(limit) < 0 ? timeout : limit);
    }

    @Override
    public String toString() {
        return "KingdeeSettings[" + serverUrl + ", acct " + acctId + ", user " + username + ", app " + appId + "]";
    }
}
