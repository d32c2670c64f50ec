package io.cebridge.connector.erp.yonbip;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cebridge.json.Json;
import org.junit.jupiter.api.Test;

/** The code/message/data envelope read strictly: success only on YonBIP's success codes, refusals with their text. */
class YonbipStatusTest {
    private static YonbipStatus of(String json) throws Exception {
        JsonNode n = Json.MAPPER.readTree(json);
        return YonbipStatus.of(n);
    }

    @Test
    void theTokenAnswerOfTheOfficialExampleIsIssued() throws Exception {
        YonbipStatus st = of("{\"code\":\"00000\",\"message\":\"成功！\",\"data\":{\"access_token\":"
                + "\"2215d3c77b684876980ff15f9a0df6c7\",\"expire\":7200}}");
        assertThat(st.tokenIssued()).isTrue();
        assertThat(st.success()).as("00000 is not a business success").isFalse();
        assertThat(st.data().path("expire").asInt()).isEqualTo(7200);
    }

    @Test
    void businessSuccessIsCode200AsTextOrNumber() throws Exception {
        assertThat(of("{\"code\":\"200\",\"message\":\"操作成功\",\"data\":{\"id\":\"1\"}}").success()).isTrue();
        assertThat(of("{\"code\":200,\"data\":{}}").success()).isTrue();
    }

    @Test
    void aRefusalCarriesYonbipsCodeAndMessage() throws Exception {
        YonbipStatus st = of("{\"code\":\"999\",\"message\":\"客户编码[C1]已存在\"}");
        assertThat(st.success()).isFalse();
        assertThat(st.tokenRefused()).isFalse();
        assertThat(st.describe()).isEqualTo("客户编码[C1]已存在 (code 999)");
        assertThat(of("{\"code\":\"118001\",\"message\":\"根据条件查询结果为空\"}").code())
                .isEqualTo(YonbipStatus.EMPTY_RESULT);
    }

    @Test
    void aTokenRefusalIsToldFromABusinessRefusal() throws Exception {
        assertThat(of("{\"code\":\"310036\",\"message\":\"非法token\"}").tokenRefused()).isTrue();
        assertThat(of("{\"code\":\"1\",\"message\":\"access_token已过期\"}").tokenRefused()).isTrue();
        assertThat(of("{\"code\":\"999\",\"message\":\"客户名称(name)不能为空\"}").tokenRefused()).isFalse();
        assertThat(of("{\"code\":\"200\",\"message\":\"token ok\"}").tokenRefused()).isFalse();
    }

    @Test
    void anAnswerWithoutTheEnvelopeIsNotAStatus() throws Exception {
        assertThat(of("{\"message\":\"ok\"}")).isNull();
        assertThat(of("{\"code\":\"\",\"message\":\"\"}")).as("an empty code is no success").isNull();
        assertThat(of("{\"code\":{\"x\":1}}")).isNull();
        assertThat(of("[]")).isNull();
        assertThat(YonbipStatus.of(null)).isNull();
    }
}
