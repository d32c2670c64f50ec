package io.cebridge.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.cebridge.config.BridgeConfig;
import io.cebridge.store.AuditEntry;
import io.cebridge.store.StateStore;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's chart counts a read in the minute it was read, whether it has a row of its own or rides on its write's. */
class ThroughputCountsTest {
    @TempDir
    Path tmp;

    @Test
    void aWriteThatCarriesItsReadCountsOneReadAndOneDelivery() throws Exception {
        Instant now = Instant.now();
        Instant aMinuteAgo = now.minus(1, ChronoUnit.MINUTES);
        BridgeConfig cfg = BridgeConfig.load(null, Map.of(), new Properties(),
                Map.of("bridge.data-dir", tmp.resolve("data").toString()));
        try (StateStore store = StateStore.open(cfg, 2)) {
            store.audit().append(List.of(
                    new AuditEntry("customer-master", "001A", "2026-01-01T00:00:00.000Z", "100001", "CREATED", null,
                            "customer-master/outbound.jsonata", "ab".repeat(32), "erp:erp_customer", now)
                            .readFrom("crm", aMinuteAgo),
                    AuditEntry.read("customer-master", "001B", "2026-01-01T00:00:00.000Z", "crm", now)));
            Throughput.Series s = new Throughput(store.dataSource()).lastHour(now);
            assertThat(s.total(s.read())).isEqualTo(2);
            assertThat(s.total(s.delivered())).isEqualTo(1);
            assertThat(s.read()[Throughput.MINUTES - 1]).isEqualTo(1); // 001B, read this minute
            assertThat(s.read()[Throughput.MINUTES - 2]).isEqualTo(1); // 001A, read the minute before
            assertThat(s.delivered()[Throughput.MINUTES - 1]).isEqualTo(1);
        }
    }
}
