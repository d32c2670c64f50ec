package io.cebridge.connector.erp.kingdee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cebridge.config.Secret;
import io.cebridge.demo.kingdee.KingdeeStandIn;
import io.cebridge.error.RetriableException;
import io.cebridge.error.SystemFailureException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The WebAPI transport against the stand-in: login and cookie, session loss, status classes, query paging. */
class KingdeeClientTest {
    private static final String SECRET = "s3cr3t-app-secret-value";
    private KingdeeStandIn kingdee;

    @BeforeEach
    void start() throws Exception {
        kingdee = KingdeeStandIn.standard(SECRET, "F_CRM_ID").start(0);
    }

    @AfterEach
    void stop() {
        kingdee.close();
    }

    private KingdeeForms forms(String secret, Duration timeout) {
        return new KingdeeForms(new KingdeeClient(new KingdeeSettings(kingdee.serverUrl(), kingdee.acctId(),
                kingdee.username(), kingdee.appId(), new Secret(secret), 2052, timeout)));
    }

    private static Map<String, Object> customer(String name, String crmId) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("FName", name);
        m.put("F_CRM_ID", crmId);
        m.put("FCreateOrgId", Map.of("FNumber", "100"));
        return m;
    }

    @Test
    void logsInOnceAndReplaysTheSessionCookieOnEveryCall() {
        KingdeeForms f = forms(SECRET, Duration.ofSeconds(5));
        KingdeeStatus st = f.batchSave("BD_Customer", List.of(customer("杭州甲公司", "001A"), customer("乙公司", "001B")),
                List.of());
        assertThat(st.success()).isTrue();
        assertThat(st.saved()).extracting(KingdeeStatus.Saved::number).containsExactly("CUST0001", "CUST0002");
        List<List<Object>> rows = f.query("BD_Customer", List.of("FNumber", "FName", "F_CRM_ID"), "F_CRM_ID IN ('001B')",
                "", 2000);
        assertThat(rows).containsExactly(List.of("CUST0002", "乙公司", "001B"));
        assertThat(kingdee.calls()).containsEntry("LoginByAppSecret", 1L).containsEntry("BatchSave", 1L)
                .containsEntry("ExecuteBillQuery", 1L);
    }

    @Test
    void aLostSessionGetsOneNewLoginAndTheCallIsSentOnceMore() {
        KingdeeForms f = forms(SECRET, Duration.ofSeconds(5));
        f.client().checkLogin();
        kingdee.expireSessions();
        assertThat(f.batchSave("BD_Customer", List.of(customer("甲", "001A")), List.of()).success()).isTrue();
        assertThat(kingdee.calls()).containsEntry("LoginByAppSecret", 2L).containsEntry("BatchSave", 2L);
        assertThat(kingdee.customers()).hasSize(1);
        // inside a query's 2-D array too
        kingdee.expireSessions();
        assertThat(f.query("BD_Customer", List.of("FNumber"), "", "", 10)).hasSize(1);
        assertThat(kingdee.calls()).containsEntry("LoginByAppSecret", 3L).containsEntry("ExecuteBillQuery", 2L);
    }

    @Test
    void aWrongAppSecretStopsWithKingdeesReasonAfterOneTryAndNeverShowsTheSecret() {
        KingdeeForms f = forms("wrong-" + SECRET, Duration.ofSeconds(5));
        assertThatThrownBy(() -> f.client().checkLogin()).isInstanceOf(SystemFailureException.class)
                .hasMessageContaining("第三方系统登录授权校验失败").hasMessageContaining("bridge.erp.kingdee.app-secret")
                .hasMessageNotContaining(SECRET);
        assertThat(kingdee.calls()).containsEntry("LoginByAppSecret", 1L);
        assertThat(f.client().settings().toString()).doesNotContain(SECRET);
    }

    @Test
    void overloadHtmlPagesAndTimeoutsAreRetriable() {
        KingdeeForms f = forms(SECRET, Duration.ofMillis(1500));
        f.client().checkLogin();
        kingdee.overload(1);
        assertThatThrownBy(() -> f.query("BD_Customer", List.of("FNumber"), "", "", 10))
                .isInstanceOf(RetriableException.class).hasMessageContaining("HTTP 519");
        kingdee.answerHtml(1);
        assertThatThrownBy(() -> f.query("BD_Customer", List.of("FNumber"), "", "", 10))
                .isInstanceOf(RetriableException.class).hasMessageContaining("HTML");
        kingdee.cutAnswersShort(1);
        assertThatThrownBy(() -> f.query("BD_Customer", List.of("FNumber"), "", "", 10))
                .isInstanceOf(RetriableException.class).hasMessageContaining("not JSON (cut short?)");
        kingdee.answerSavesLate(1, Duration.ofSeconds(4));
        assertThatThrownBy(() -> f.batchSave("BD_Customer", List.of(customer("甲", "001A")), List.of()))
                .isInstanceOf(RetriableException.class).hasMessageContaining("did not answer");
        assertThat(kingdee.customers()).as("applied although answered late").hasSize(1);
        assertThat(f.query("BD_Customer", List.of("FNumber"), "", "", 10)).hasSize(1);
    }

    @Test
    void aQueryIsReadPageByPageUntilAShortPage() {
        KingdeeForms f = forms(SECRET, Duration.ofSeconds(10));
        List<Map<String, Object>> models = new ArrayList<>();
        for (int i = 0; i < 4500; i++) {
            models.add(customer("客户 " + i, "ID" + i));
        }
        for (int from = 0; from < models.size(); from += 500) {
            assertThat(f.batchSave("BD_Customer", models.subList(from, from + 500), List.of()).success()).isTrue();
        }
        List<List<Object>> rows = f.query("BD_Customer", List.of("FCUSTID", "F_CRM_ID"), "", "FCUSTID ASC", 2000);
        assertThat(rows).hasSize(4500);
        assertThat(rows.get(4499).get(1)).isEqualTo("ID4499");
        assertThat(kingdee.calls()).containsEntry("ExecuteBillQuery", 3L);
        assertThatThrownBy(() -> f.query("BD_Customer", List.of("FCUSTID"), "", "", 2001))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aQueryKingdeeRefusesStopsTheFlowWithKingdeesMessage() {
        KingdeeForms f = forms(SECRET, Duration.ofSeconds(5));
        assertThatThrownBy(() -> f.query("BD_Customer", List.of("FNumber", "F_NOT_THERE"), "", "", 100))
                .isInstanceOf(SystemFailureException.class).hasMessageContaining("元数据中标识为F_NOT_THERE的字段不存在");
    }
}
