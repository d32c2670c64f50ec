package io.cebridge.store;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Source record versions as fixed-width UTC instants (ms), so string order equals time order in every database. */
public final class SourceVersion {
    private static final DateTimeFormatter FMT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private SourceVersion() {
    }

    public static String of(Instant i) {
        return FMT.format(i);
    }
}
