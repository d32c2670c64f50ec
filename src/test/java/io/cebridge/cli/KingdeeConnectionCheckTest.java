package io.cebridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cebridge.config.BridgeConfig;
import io.cebridge.demo.kingdee.KingdeeStandIn;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** `validate` / the start checks with bridge.erp.type=kingdee: one login, Kingdee's reason, the key to fix. */
class KingdeeConnectionCheckTest {
    private static final String SECRET = "validate-app-secret";
    private KingdeeStandIn kingdee;

    @BeforeEach
    void start() throws Exception {
        kingdee = KingdeeStandIn.standard(SECRET, "F_CRM_ID").start(0);
    }

    @AfterEach
    void stop() {
        kingdee.close();
    }

    private List<ConnectionCheck.Problem> check(String secret, boolean withUrl) {
        Map<String, String> o = new HashMap<>();
        o.put("bridge.flows.customer-master.enabled", "false");
        o.put("bridge.erp.type", "kingdee");
        if (withUrl) {
            o.put("bridge.erp.kingdee.server-url", kingdee.serverUrl());
        }
        o.put("bridge.erp.kingdee.acct-id", kingdee.acctId());
        o.put("bridge.erp.kingdee.username", kingdee.username());
        o.put("bridge.erp.kingdee.app-id", kingdee.appId());
        o.put("bridge.erp.kingdee.app-secret", secret);
        return ConnectionCheck.check(BridgeConfig.load(null, Map.of(), new Properties(), o));
    }

    @Test
    void logsInOnceAndFindsNothingWrong() {
        assertThat(check(SECRET, true)).isEmpty();
        assertThat(kingdee.calls()).containsExactly(Map.entry("LoginByAppSecret", 1L));
    }

    @Test
    void aWrongSecretIsNamedWithKingdeesReasonAndNotShown() {
        assertThat(check("nope-" + SECRET, true)).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("bridge.erp.kingdee.app-secret");
            assertThat(p.reason()).contains("第三方系统登录授权校验失败").doesNotContain(SECRET);
            assertThat(p.configuration()).isFalse();
        });
    }

    @Test
    void aMissingServerUrlIsAConfigurationProblemNamingTheKey() {
        assertThat(check(SECRET, false)).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("bridge.erp.kingdee.server-url");
            assertThat(p.configuration()).isTrue();
        });
        assertThat(kingdee.calls()).isEmpty();
    }
}
