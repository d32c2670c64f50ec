package io.cebridge.flow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Guards: a record over Kafka's message limit let through (or one under it refused) by the quick bound by length. */
class KafkaMessageSizeTest {
    @Test
    void recordsAreMeasuredInUtf8BytesAgainstTheProducersDefaultLimit() {
        // 300,000 Chinese characters: 900,000 bytes, under 1 MiB by the quick bound
        assertThat(KafkaMessageSize.problem(null, "the record", "k", "中".repeat(300_000))).isNull();
        // 349,500 of them are 1,048,500 bytes: the record's framing takes it over 1,048,576
        assertThat(KafkaMessageSize.problem(null, "the record", "k", "中".repeat(349_500)))
                .contains("the record is").contains("the limit is 1048576 bytes");
        // 1,048,000 ASCII characters are past the quick bound but fit when measured
        assertThat(KafkaMessageSize.problem(null, "the record", "k", "a".repeat(1_048_000))).isNull();
        assertThat(KafkaMessageSize.problem(null, "the record", "k", "a".repeat(1_048_576))).isNotNull();
    }
}
