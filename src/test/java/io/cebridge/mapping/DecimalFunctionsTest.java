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

    // Guards: money rounded in binary floating point, the half-cent rounded down, or a sum losing cents.
    @Test
    void sumsDifferencesAndHalfUpRoundingToTheCentAreExact() throws Exception {
        CompiledMapping m = mapping("{\"line\": $decimalRound($decimalSubtract($decimalMultiply(q, p),"
                + " $decimalPercent($decimalMultiply(q, p), d)), 2),"
                + " \"even\": $decimalRound(\"0.125\", 2, \"HALF_EVEN\"),"
                + " \"sum\": $decimalSum(xs), \"one\": $decimalSum(one), \"empty\": $decimalSum([]),"
                + " \"add\": $decimalAdd(\"0.1\", 0.2), \"same\": $decimalCompare(\"1.50\", 1.5),"
                + " \"less\": $decimalCompare(1, \"1.01\")}");
        // 3 x 0.35 = 1.05, less 50 % = 0.525: half-up to the cent is 0.53 (binary floating point says 0.52)
        Map<String, Object> out = m.apply(Map.of("q", 3, "p", 0.35, "d", 50, "xs", java.util.List.of(0.1, 0.2, "0.3"),
                "one", 4.5));
        assertThat(out.get("line")).isEqualTo("0.53");
        assertThat(out.get("even")).isEqualTo("0.12");
        assertThat(out.get("sum")).isEqualTo("0.6");
        assertThat(out.get("one")).isEqualTo("4.5");
        assertThat(out.get("empty")).isEqualTo("0");
        assertThat(out.get("add")).isEqualTo("0.3");
        assertThat(out.get("same")).isEqualTo(0);
        assertThat(out.get("less")).isEqualTo(-1);
    }

    // Guards: a mapping unable to refuse a record with a reason code a person can act on.
    @Test
    void rejectDeadLettersTheRecordWithTheMappingsCodeAndReason() throws Exception {
        CompiledMapping m = mapping("$count(lines) = 0 ? $reject(\"NO_LINES\", \"quote \" & n & \" has no lines\")"
                + " : {\"ok\": true}");
        assertThatThrownBy(() -> m.apply(Map.of("n", "Q-1", "lines", java.util.List.of())))
                .isInstanceOfSatisfying(MappingException.class, e -> {
                    assertThat(e.code()).isEqualTo("NO_LINES");
                    assertThat(e.getMessage()).startsWith("quote Q-1 has no lines");
                });
        assertThat(m.apply(Map.of("n", "Q-2", "lines", java.util.List.of(1))).get("ok")).isEqualTo(true);
        assertThatThrownBy(() -> mapping("$reject(\"bad code\", \"x\")").apply(Map.of()))
                .isInstanceOfSatisfying(MappingException.class, e -> assertThat(e.code()).isEqualTo("MAPPING_FAILED"));
    }
}
