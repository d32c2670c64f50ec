package io.cebridge.connector.erp.yonbip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cebridge.config.Secret;
import io.cebridge.demo.yonbip.YonbipStandIn;
import io.cebridge.error.RetriableException;
import io.cebridge.error.SystemFailureException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client and the stand-in together: token cache and renewal, classified failures, YonBIP's save rules. */
class YonbipClientTest {
    private static final String SECRET = "yb-app-secret-for-test";
    private YonbipStandIn yonbip;

    @BeforeEach
    void start() throws Exception {
        yonbip = YonbipStandIn.standard(SECRET).start(0);
    }

    @AfterEach
    void stop() {
        yonbip.close();
    }

    private YonbipForms forms(String secret) {
        return new YonbipForms(new YonbipClient(new YonbipSettings(yonbip.url(), yonbip.url(), yonbip.appKey(),
                new Secret(secret), "ORG01", "erpCode", Duration.ofSeconds(2))));
    }

    private static Map<String, Object> merchant(String code, String name, String key) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("_status", "Insert");
        m.put("code", code);
        m.put("name", Map.of("zh_CN", name));
        m.put("createOrg_code", "ORG01");
        m.put("erpCode", "crm-" + code);
        if (key != null) {
            m.put("resubmitCheckKey", key);
        }
        return m;
    }

    private long tokenRequests() {
        return yonbip.calls().getOrDefault(YonbipClient.TOKEN_PATH, 0L);
    }

    @Test
    void oneTokenServesEveryCallUntilYonbipRefusesItThenOneNewTokenAndOneRetry() {
        YonbipForms forms = forms(SECRET);
        for (int i = 0; i < 3; i++) {
            assertThat(forms.save(merchant("C" + i, "客户" + i, null)).success()).isTrue();
        }
        assertThat(tokenRequests()).isEqualTo(1);
        yonbip.expireTokensAfter(2);
        forms.client().checkToken(); // still the cached token: no request
        for (int i = 3; i < 8; i++) {
            assertThat(forms.save(merchant("C" + i, "客户" + i, null)).success()).isTrue();
        }
        assertThat(yonbip.merchants()).hasSize(8);
        // C3, C4 on the first token; C5 meets it dead: new token, retried; C6; C7 meets that one dead: new token
        assertThat(tokenRequests()).isEqualTo(3);
        assertThat(yonbip.calls().get(YonbipForms.MERCHANT_SAVE)).as("one retry per dead token").isEqualTo(8 + 2);
    }

    @Test
    void aWrongAppSecretIsASystemFailureWithYonbipsReasonAndNoSecret() {
        YonbipForms forms = forms("not-the-" + SECRET);
        assertThatThrownBy(() -> forms.save(merchant("C1", "客户", null))).isInstanceOf(SystemFailureException.class)
                .hasMessageContaining("签名验证失败").hasMessageContaining("bridge.erp.yonbip.app-secret")
                .hasMessageNotContaining(SECRET);
        assertThat(tokenRequests()).isEqualTo(1);
        assertThat(yonbip.merchants()).isEmpty();
    }

    @Test
    void htmlPagesAndOverloadAreRetriableAndNameNoToken() {
        YonbipForms forms = forms(SECRET);
        forms.client().checkToken();
        yonbip.answerHtml(1);
        assertThatThrownBy(() -> forms.save(merchant("C1", "客户", null))).isInstanceOf(RetriableException.class)
                .hasMessageContaining("HTML");
        yonbip.overload(1);
        assertThatThrownBy(() -> forms.save(merchant("C1", "客户", null))).isInstanceOf(RetriableException.class)
                .hasMessageContaining("HTTP 503")
                .satisfies(e -> yonbip.issuedTokens().forEach(t -> assertThat(e.getMessage()).doesNotContain(t)));
        assertThat(forms.save(merchant("C1", "客户", null)).success()).isTrue();
    }

    @Test
    void aSaveAnsweredLateRunsOnceAndItsKeyAnswersTheFirstResult() {
        YonbipForms forms = forms(SECRET);
        yonbip.answerSavesLate(1, Duration.ofSeconds(3));
        String key = "0123456789abcdef0123456789abcdef";
        assertThatThrownBy(() -> forms.save(merchant("C1", "客户", key))).isInstanceOf(RetriableException.class)
                .hasMessageContaining("did not answer within 2000 ms");
        YonbipStatus again = forms.save(merchant("C1", "客户", key)); // while the first is still being applied
        assertThat(again.success()).isTrue();
        assertThat(again.data().path("code").asText()).isEqualTo("C1");
        assertThat(yonbip.merchants()).hasSize(1);
        assertThat(yonbip.replayedSaves()).isEqualTo(1);
    }

    @Test
    void yonbipsSaveRulesRefuseWithItsMessages() {
        YonbipForms forms = forms(SECRET);
        assertThat(forms.save(merchant("C1", "客户", null)).success()).isTrue();
        assertThat(forms.save(merchant("C1", "另一个客户", null)).describe()).isEqualTo("客户编码[C1]已存在 (code 999)");
        assertThat(forms.save(merchant("C2", "名".repeat(201), null)).describe())
                .isEqualTo("客户名称(name)长度超过最大长度200 (code 999)");
        Map<String, Object> noOrg = merchant("C3", "客户", null);
        noOrg.remove("createOrg_code");
        assertThat(forms.save(noOrg).describe()).isEqualTo("管理组织(createOrg)不能为空 (code 999)");
        assertThat(forms.save(merchant("", "客户", null)).describe()).isEqualTo("客户编码(code)不能为空 (code 999)");
        assertThat(forms.save(merchant("C4", "客户", "k".repeat(33))).describe())
                .isEqualTo("resubmitCheckKey长度不能超过32位 (code 999)");
        Map<String, Object> ghost = merchant("C5", "客户", null);
        ghost.put("_status", "Update");
        ghost.put("id", "42");
        assertThat(forms.save(ghost).describe()).isEqualTo("数据不存在 (code 1002)");
        assertThat(yonbip.merchants()).hasSize(1);
    }

    @Test
    void theListIsPagedAndAnEmptyResultIsNoRefusal() {
        YonbipForms forms = forms(SECRET);
        assertThat(forms.list(YonbipForms.MERCHANT_LIST, List.of(Map.of("field", "erpCode", "op", "in",
                "value1", List.of("crm-C1"))), 2)).isEmpty();
        for (int i = 0; i < 5; i++) {
            forms.save(merchant("C" + i, "客户" + i, null));
        }
        assertThat(forms.list(YonbipForms.MERCHANT_LIST, List.of(), 2)).hasSize(5);
        assertThat(forms.list(YonbipForms.MERCHANT_LIST, List.of(Map.of("field", "erpCode", "op", "in",
                "value1", List.of("crm-C1", "crm-C3"))), 500)).extracting(n -> n.path("code").asText())
                .containsExactly("C1", "C3");
    }
}
