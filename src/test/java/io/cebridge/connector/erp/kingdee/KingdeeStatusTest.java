package io.cebridge.connector.erp.kingdee;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cebridge.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Kingdee's real answer bodies (src/test/resources/kingdee/real_responses.jsonl) read as the connector reads them. */
class KingdeeStatusTest {
    private static List<JsonNode> bodies() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        try (var in = KingdeeStatusTest.class.getResourceAsStream("/kingdee/real_responses.jsonl")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    out.add(Json.MAPPER.readTree(line).path("body"));
                }
            }
        }
        return out;
    }

    @Test
    void aSaveSuccessNamesTheDocumentsIdAndNumberByDIndex() throws Exception {
        KingdeeStatus st = KingdeeStatus.of(bodies().get(0));
        assertThat(st.success()).isTrue();
        assertThat(st.saved()).containsExactly(new KingdeeStatus.Saved("140670", "MBCGRK-2023051500004", 0));
        assertThat(st.sessionLost()).isFalse();
    }

    @Test
    void anAlreadyAuditedDocumentIsAValidationFailureWithKingdeesMessage() throws Exception {
        KingdeeStatus st = KingdeeStatus.of(bodies().get(3));
        assertThat(st.success()).isFalse();
        assertThat(st.msgCode()).isEqualTo(KingdeeStatus.VALIDATION_FAILED);
        assertThat(st.messages()).contains("单据已经审核");
    }

    @Test
    void aDuplicateNumberIsARefusalOfModelZeroNamingTheField() throws Exception {
        KingdeeStatus st = KingdeeStatus.of(bodies().get(4));
        assertThat(st.success()).isFalse();
        assertThat(st.errors()).containsExactly(new KingdeeStatus.Problem("FNUMBER", "编码已存在，请检查", 0));
        assertThat(st.messages()).isEqualTo("FNUMBER: 编码已存在，请检查");
    }

    @Test
    void aLostSessionIsMsgCodeOneAlsoInsideAQueryArray() throws Exception {
        List<JsonNode> b = bodies();
        assertThat(KingdeeStatus.of(b.get(5)).sessionLost()).isTrue();
        assertThat(KingdeeClient.sessionLost(b.get(5))).isTrue();
        JsonNode wrapped = Json.MAPPER.readTree("[[" + b.get(5) + "]]");
        assertThat(KingdeeClient.sessionLost(wrapped)).isTrue();
        // the query error wrapped in a 2-D array is an error envelope, not rows, and not a lost session
        assertThat(KingdeeClient.envelope(b.get(6))).isNotNull();
        assertThat(KingdeeClient.sessionLost(b.get(6))).isFalse();
        assertThat(KingdeeStatus.of(KingdeeClient.envelope(b.get(6))).messages()).contains("FUpdateTime");
    }

    @Test
    void isSuccessIsReadAsABooleanOrAsTheDocumentedString() throws Exception {
        for (String v : List.of("true", "\"true\"", "\"True\"")) {
            assertThat(KingdeeStatus.of(Json.MAPPER.readTree("{\"Result\":{\"ResponseStatus\":{\"IsSuccess\":" + v + "}}}"))
                    .success()).as(v).isTrue();
        }
        for (String v : List.of("false", "\"false\"", "\"\"", "null")) {
            assertThat(KingdeeStatus.of(Json.MAPPER.readTree("{\"Result\":{\"ResponseStatus\":{\"IsSuccess\":" + v
                    + ",\"MsgCode\":\"\"}}}")).success()).as(v).isFalse();
        }
        // a 2-D array of rows is no envelope
        assertThat(KingdeeClient.envelope(Json.MAPPER.readTree("[[\"CUST0001\", 1]]"))).isNull();
    }
}
