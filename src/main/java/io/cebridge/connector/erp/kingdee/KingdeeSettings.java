package io.cebridge.connector.erp.kingdee;

import io.cebridge.config.Secret;
import java.time.Duration;

/** Where and as whom the Kingdee WebAPI is called; {@code toString} never shows the app secret. */
public record KingdeeSettings(String serverUrl, String acctId, String username, String appId, Secret appSecret,
                              int lcid, Duration timeout) {
    public KingdeeSettings {
        serverUrl = serverUrl.replaceAll("/+$", "");
    }

    @Override
    public String toString() {
        return "KingdeeSettings[" + serverUrl + ", acct " + acctId + ", user " + username + ", app " + appId + "]";
    }
}
