package io.cebridge.connector.crm.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.cebridge.store.Watermark;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SalesforcePollerTest {
    private final SalesforcePoller poller = new SalesforcePoller(null, null, "f", "Account",
            List.of("Id", "Name", "SystemModstamp"), "SystemModstamp", Duration.ofSeconds(5));

    @Test
    void initialLoadReadsEverythingInStampThenIdOrder() {
        assertThat(poller.soql(Optional.empty(), true))
                .isEqualTo("SELECT Id, Name, SystemModstamp FROM Account ORDER BY SystemModstamp ASC, Id ASC");
    }

    @Test
    void incrementalReadStartsLookbackBeforeTheWatermarkInclusive() {
        assertThat(poller.soql(Optional.of(new Watermark("2026-11-23T10:00:00.000Z", "001A")), true))
                .isEqualTo("SELECT Id, Name, SystemModstamp FROM Account WHERE SystemModstamp >= 2026-11-23T09:59:55.000Z"
                        + " ORDER BY SystemModstamp ASC, Id ASC");
    }

    @Test
    void aSettledWindowIsNotReadAgainNorTheWatermarksOwnStamp() {
        assertThat(poller.soql(Optional.of(new Watermark("2026-11-23T10:00:00.000Z", "001A")), false))
                .isEqualTo("SELECT Id, Name, SystemModstamp FROM Account WHERE SystemModstamp > 2026-11-23T10:00:00.000Z"
                        + " ORDER BY SystemModstamp ASC, Id ASC");
    }

    @Test
    void salesforceStampsBecomeFixedWidthUtc() {
        assertThat(SalesforcePoller.normaliseStamp("2010-07-13T18:43:35.000+0000")).isEqualTo("2010-07-13T18:43:35.000Z");
        assertThat(SalesforcePoller.normaliseStamp("2010-07-13T20:43:35.5+02:00".replace(".5", ".500")))
                .isEqualTo("2010-07-13T18:43:35.500Z");
        assertThat(SalesforcePoller.normaliseStamp("2026-11-23T10:15:30.123Z")).isEqualTo("2026-11-23T10:15:30.123Z");
        assertThat(SalesforcePoller.normaliseStamp("2024-02-29T23:59:59.999+0000")).isEqualTo("2024-02-29T23:59:59.999Z");
        assertThat(SalesforcePoller.normaliseStamp("2026-11-23T10:15:30+0000")).isEqualTo("2026-11-23T10:15:30.000Z");
        assertThat(SalesforcePoller.normaliseStamp("2024-02-29T23:59:59.999Z")).isEqualTo("2024-02-29T23:59:59.999Z");
    }

    @Test
    void impossibleStampsAreRefusedNotPassedOn() {
        for (String bad : List.of("2026-02-30T10:15:30.123+0000", "2026-13-01T10:15:30.123+0000",
                "2026-11-23T24:15:30.123+0000", "2026-11-23T10:15:3x.123+0000", "2026-02-30T10:15:30.123Z",
                "2026-11-23T10:15:3x.123Z", "2026-11-23T10:15:30.123Y")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> SalesforcePoller.normaliseStamp(bad)).as(bad)
                    .isInstanceOf(java.time.format.DateTimeParseException.class);
        }
    }

    @Test
    void watermarkOrderBreaksTiesById() {
        Watermark w = new Watermark("2026-01-01T00:00:00.000Z", "001B");
        assertThat(w.isBefore("2026-01-01T00:00:00.000Z", "001C")).isTrue();
        assertThat(w.isBefore("2026-01-01T00:00:00.000Z", "001A")).isFalse();
        assertThat(w.isBefore("2026-01-01T00:00:00.001Z", "001A")).isTrue();
    }
}
