package io.cebridge.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OneLineTest {
    @Test
    void lineBreaksAndControlCharactersCannotForgeLogLines() {
        assertThat(Redactor.oneLine("001000000000001AAA\r\n12:00:00.000 INFO forged"))
                .isEqualTo("001000000000001AAA\\r\\n12:00:00.000 INFO forged");
        assertThat(Redactor.oneLine("a\u2028b\u0085c\u0000d")).isEqualTo("a\\u2028b\\u0085c\\u0000d");
        String clean = "product:S10_1678 北京";
        assertThat(Redactor.oneLine(clean)).isSameAs(clean);
        assertThat(Redactor.oneLine(null)).isNull();
    }
}
