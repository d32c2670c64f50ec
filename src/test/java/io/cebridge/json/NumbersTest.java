package io.cebridge.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NumbersTest {
    @Test
    void digitsWrittenOutAreCountedWithoutWritingThemOut() {
        assertThat(Numbers.plainDigits(new BigDecimal("1e999999999"))).isEqualTo(1_000_000_000L);
        assertThat(Numbers.plainDigits(new BigDecimal("1e2147483647"))).isEqualTo(2_147_483_648L);
        assertThat(Numbers.plainDigits(new BigDecimal("1e-2147483647"))).isEqualTo(2_147_483_648L);
        for (String n : List.of("0", "450.00", "-12345.6789", "1.5e3", "0.000123", "9".repeat(1000))) {
            BigDecimal d = new BigDecimal(n);
            assertThat(Numbers.plainDigits(d)).as(n).isEqualTo(d.abs().toPlainString().replace(".", "").length());
            assertThat(Numbers.problem(d)).as(n).isNull();
        }
    }

    @Test
    void theFirstFieldHoldingANumberNoFieldCanHoldIsNamed() throws Exception {
        Map<String, Object> record = Json.readMap("{\"Name\":\"Acme\",\"Lines\":[{\"Qty\":1},{\"Qty\":1e999999999}]}");
        assertThat(Numbers.firstUnrepresentable(record)).hasValueSatisfying(p ->
                assertThat(p).startsWith("Lines[1].Qty: the number 1E+999999999 has 1000000000 digits written out"));
        assertThat(Numbers.firstUnrepresentable(Map.of("Rate", Double.NaN))).hasValue(
                "Rate: NaN is not a number a database column or CRM field can hold");
        assertThat(Numbers.firstUnrepresentable(Json.readMap("{\"Amount\":1e1000}"))).isPresent();
        assertThat(Numbers.firstUnrepresentable(Json.readMap("{\"Amount\":1e999}"))).as("1,000 digits").isEmpty();
        assertThat(Numbers.firstUnrepresentable(Json.readMap("{\"Amount\":1e3,\"Name\":\"1e999999999\"}"))).isEmpty();
        assertThat(Json.writeAsRead(record)).contains("1E+999999999");
        assertThat(Numbers.forMessage(new BigDecimal("1e999999999"))).isEqualTo("1E+999999999");
    }
}
