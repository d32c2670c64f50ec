package io.cebridge.flow.crmtoerp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hand check of event versions says what Instant.parse says, for stamps, near misses and other ISO forms. */
class IsoInstantTest {
    @Test
    void agreesWithInstantParse() {
        List<String> cases = List.of("2026-11-23T10:15:30.123Z", "2026-11-23T10:15:30Z", "2026-11-23T10:15:30.1Z",
                "2026-11-23T10:15:30.123456789Z", "2026-11-23T10:15:30.1234567890Z", "2026-11-23T10:15:30.Z",
                "2026-02-29T00:00:00.000Z", "2024-02-29T00:00:00.000Z", "2026-13-01T00:00:00.000Z",
                "2026-04-31T00:00:00.000Z", "2026-11-23T24:00:00.000Z", "2026-11-23T23:60:00.000Z",
                "2026-11-23T23:59:60Z", "2026-11-23T10:15:30.123+01:00", "2026-11-23T10:15:30.123+0000",
                "2026-11-23 10:15:30.123Z", "2026-11-2310:15:30.123Z", "２０２６-11-23T10:15:30.123Z",
                "2026-11-23T10:15:3a.123Z", "0000-01-01T00:00:00Z", "2026-11-23", "", "abc",
                "2026-11-23T10:15:30.123z", "+2026-11-23T10:15:30.123Z", "2026-00-10T10:15:30.123Z",
                "2026-11-00T10:15:30.123Z");
        for (String c : cases) {
            assertThat(IsoInstant.valid(c)).as(c).isEqualTo(parses(c));
        }
    }

    private static boolean parses(String s) {
        try {
            Instant.parse(s);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
