package io.cebridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cebridge.config.BridgeConfig;
import io.cebridge.connector.erp.yonbip.YonbipClient;
import io.cebridge.demo.yonbip.YonbipStandIn;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** `validate` / the start checks with bridge.erp.type=yonbip: one token request, YonBIP's reason, the key to fix. */
class YonbipConnectionCheckTest {
    private static final String SECRET = "validate-yb-secret";
    private YonbipStandIn yonbip;

    @BeforeEach
    void start() throws Exception {
        yonbip = YonbipStandIn.standard(SECRET).start(0);
    }

    @AfterEach
    void stop() {
        yonbip.close();
    }

    private List<ConnectionCheck.Problem> check(String secret, String orgCode) {
        Map<String, String> o = new HashMap<>(yonbip.bridgeSettings(secret));
        o.put("bridge.flows.customer-master.enabled", "false");
        o.put("bridge.erp.yonbip.org-code", orgCode);
        return ConnectionCheck.check(BridgeConfig.load(null, Map.of(), new Properties(), o));
    }

    @Test
    void fetchesOneTokenAndFindsNothingWrong() {
        assertThat(check(SECRET, "ORG01")).isEmpty();
        assertThat(yonbip.calls()).containsExactly(Map.entry(YonbipClient.TOKEN_PATH, 1L));
    }

    @Test
    void aWrongSecretIsNamedWithYonbipsReasonAndNotShown() {
        assertThat(check("nope-" + SECRET, "ORG01")).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("bridge.erp.yonbip.app-secret");
            assertThat(p.reason()).contains("签名验证失败").doesNotContain(SECRET);
            assertThat(p.configuration()).isFalse();
        });
    }

    @Test
    void aMissingOrganisationIsAConfigurationProblemNamingTheKey() {
        assertThat(check(SECRET, "")).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("bridge.erp.yonbip.org-code");
            assertThat(p.configuration()).isTrue();
        });
        assertThat(yonbip.calls()).isEmpty();
    }
}
