package io.cebridge.flow.erptocrm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MatchWriteTest {
    @Test
    void matchNeedsItsFieldsOnEveryRecord() {
        Map<String, Object> ok = Map.of("writes", List.of(Map.of("sobject", "DatedConversionRate", "operation", "match",
                "matchOn", List.of("IsoCode", "StartDate"), "records", List.of(Map.of("IsoCode", "CNY",
                        "StartDate", "2025-01-02", "ConversionRate", new java.math.BigDecimal("7.29930000"))))));
        CrmWrite w = CrmWrite.parse(ok).get(0);
        assertThat(w.matchOn()).containsExactly("IsoCode", "StartDate");
        assertThat(w.target()).isEqualTo("match DatedConversionRate on IsoCode,StartDate");
        assertThatThrownBy(() -> CrmWrite.parse(Map.of("writes", List.of(Map.of("sobject", "DatedConversionRate",
                "operation", "match", "records", List.of(Map.of("IsoCode", "CNY")))))))
                .hasMessageContaining("needs matchOn");
        assertThatThrownBy(() -> CrmWrite.parse(Map.of("writes", List.of(Map.of("sobject", "DatedConversionRate",
                "operation", "match", "matchOn", List.of("IsoCode", "StartDate"),
                "records", List.of(Map.of("IsoCode", "CNY")))))))
                .hasMessageContaining("has no StartDate");
    }

    @Test
    void soqlLiteralsQuoteTextAndLeaveDatesBare() {
        assertThat(MatchWrite.literal("2025-01-02")).isEqualTo("2025-01-02");
        assertThat(MatchWrite.literal("CNY")).isEqualTo("'CNY'");
        assertThat(MatchWrite.literal("O'Brien\\")).isEqualTo("'O\\'Brien\\\\'");
        assertThat(MatchWrite.literal(5)).isEqualTo("5");
    }

    @Test
    void upsertHashesStayAsBefore() {
        CrmWrite w = new CrmWrite("Account", "update", null, List.of(Map.of("Id", "001")));
        assertThat(io.cebridge.json.Json.write(w)).doesNotContain("matchOn");
    }
}
