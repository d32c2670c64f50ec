package io.cebridge.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HandedOnTest {
    @Test
    void aRowIsHandedOnOncePerStampAndANewStampIsNew() {
        HandedOn h = new HandedOn(10);
        h.remember(List.of(new HandedOn.Row("001A", "2026-11-23T10:00:00.000Z")), "2026-11-23T09:59:54.000Z");
        assertThat(h.contains("001A", "2026-11-23T10:00:00.000Z")).isTrue();
        assertThat(h.contains("001A", "2026-11-23T10:00:01.000Z")).as("changed since").isFalse();
        assertThat(h.contains("001B", "2026-11-23T10:00:00.000Z")).isFalse();
    }

    @Test
    void rowsOlderThanTheWindowAreForgotten() {
        HandedOn h = new HandedOn(10);
        h.remember(List.of(new HandedOn.Row("001A", "2026-11-23T10:00:00.000Z")), "2026-11-23T09:59:54.000Z");
        h.remember(List.of(new HandedOn.Row("001B", "2026-11-23T10:00:09.000Z")), "2026-11-23T10:00:03.000Z");
        assertThat(h.contains("001A", "2026-11-23T10:00:00.000Z")).isFalse();
        assertThat(h.size()).isEqualTo(1);
    }

    @Test
    void pastTheLimitNewRowsAreNotRememberedButKnownOnesStillMove() {
        HandedOn h = new HandedOn(2);
        String old = "2026-11-23T00:00:00.000Z";
        h.remember(List.of(new HandedOn.Row("A", "2026-11-23T10:00:00.000Z"), new HandedOn.Row("B", "2026-11-23T10:00:00.000Z"),
                new HandedOn.Row("C", "2026-11-23T10:00:00.000Z")), old);
        assertThat(h.size()).isEqualTo(2);
        assertThat(h.contains("C", "2026-11-23T10:00:00.000Z")).as("not remembered: handed on again if re-read").isFalse();
        h.remember(List.of(new HandedOn.Row("A", "2026-11-23T10:00:05.000Z")), old);
        assertThat(h.contains("A", "2026-11-23T10:00:05.000Z")).isTrue();
    }

    @Test
    void forgettingARowsOldStampKeepsItsNewOne() {
        HandedOn h = new HandedOn(10);
        h.remember(List.of(new HandedOn.Row("001A", "2026-11-23T10:00:00.000Z")), "2026-11-23T09:59:54.000Z");
        h.remember(List.of(new HandedOn.Row("001A", "2026-11-23T10:00:08.000Z")), "2026-11-23T09:59:54.000Z");
        h.remember(List.of(), "2026-11-23T10:00:03.000Z"); // the first stamp leaves the window, the second not
        assertThat(h.contains("001A", "2026-11-23T10:00:08.000Z")).isTrue();
        assertThat(h.size()).isEqualTo(1);
        h.remember(List.of(), "2026-11-23T10:00:09.000Z");
        assertThat(h.size()).isZero();
    }
}
