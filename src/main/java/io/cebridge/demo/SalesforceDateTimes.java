package io.cebridge.demo;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;

/** Formats and parses datetimes the way the Salesforce REST API writes them ("2026-11-23T10:15:30.123+0000"). */
final class SalesforceDateTimes {

    // Fixed width and always UTC, so formatted values sort lexicographically in time order;
    // the query engine relies on that to compare stored values without parsing them.
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx").withZone(ZoneOffset.UTC);

    // SOQL literals: optional fraction, offset as Z, +hh:mm or +hhmm.
    private static final DateTimeFormatter LITERAL = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd'T'HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter();

    private SalesforceDateTimes() {
    }

    /** Formats an instant with millisecond precision in UTC. */
    static String format(Instant instant) {
        return FORMAT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    /** Parses a SOQL or API datetime literal; returns null when the text is not one. */
    static Instant parseOrNull(String text) {
        try {
            return OffsetDateTime.parse(text, LITERAL).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
