package io.cebridge.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** $decimalMultiply and $decimalPercent compute in decimal, where JSONata's own arithmetic is binary floating point. */
class DecimalFunctionsTest {
    private static CompiledMapping mapping(String source) throws MappingException {
        return new CompiledMapping("test.jsonata", source, name -> null);
    }

    @Test
    void productsAndPercentagesAreExact() throws Exception {
        CompiledMapping m = mapping("{\"exact\": $decimalPercent(q, p),"
                + " \"product\": $decimalMultiply(q, 0.1), \"none\": $decimalPercent(missing, p)}");
        Map<String, Object> out = m.apply(Map.of("q", 3, "p", 70));
        assertThat(out.get("exact")).isEqualTo("2.1");
        assertThat(out.get("product")).isEqualTo("0.3");
        assertThat(out.get("none")).isNull();
        assertThat(mapping("{\"w\": $decimalPercent(q, p)}").apply(Map.of("q", "12.5", "p", "33.33")).get("w"))
                .isEqualTo("4.16625");
        // beyond a double's 15-16 digits: 1234567890123.4567 x 33.33 % holds every digit
        assertThat(mapping("{\"w\": $decimalPercent(q, p)}").apply(Map.of("q", "1234567890123.4567", "p", "33.33"))
                .get("w")).isEqualTo(new java.math.BigDecimal("1234567890123.4567").multiply(new java.math.BigDecimal("0.3333"))
                .stripTrailingZeros().toPlainString());
    }

    @Test
    void hugeOrNonNumericInputIsRefusedNamingTheFunction() throws Exception {
        assertThatThrownBy(() -> mapping("{\"w\": $decimalMultiply(q, 2)}").apply(Map.of("q", "1e999999999")))
                .isInstanceOf(MappingException.class).hasMessageContaining("$decimalMultiply").hasMessageContaining("40 digits");
        assertThatThrownBy(() -> mapping("{\"w\": $decimalPercent(q, 2)}").apply(Map.of("q", "ten")))
                .isInstanceOf(MappingException.class).hasMessageContaining("'ten' is not a number");
    }
}
