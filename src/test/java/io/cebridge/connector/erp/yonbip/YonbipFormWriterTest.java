package io.cebridge.connector.erp.yonbip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The resubmitCheckKey: within YonBIP's 32 characters, the same for a retry, new for another version or body. */
class YonbipFormWriterTest {
    private static final Map<String, Object> BODY = Map.of("_status", "Insert", "code", "C1");

    @Test
    void aRetryOfOneVersionReusesItsKey() {
        String key = YonbipFormWriter.resubmitCheckKey("001A", "2026-11-30T08:00:00.000Z", BODY);
        assertThat(key).hasSize(32).matches("[0-9a-f]{32}");
        assertThat(YonbipFormWriter.resubmitCheckKey("001A", "2026-11-30T08:00:00.000Z", BODY)).isEqualTo(key);
    }

    @Test
    void anotherRecordVersionOrBodyIsANewKey() {
        String key = YonbipFormWriter.resubmitCheckKey("001A", "v1", BODY);
        assertThat(YonbipFormWriter.resubmitCheckKey("001B", "v1", BODY)).isNotEqualTo(key);
        assertThat(YonbipFormWriter.resubmitCheckKey("001A", "v2", BODY)).isNotEqualTo(key);
        assertThat(YonbipFormWriter.resubmitCheckKey("001A", "v1", Map.of("_status", "Insert", "code", "C2")))
                .isNotEqualTo(key);
    }
}
