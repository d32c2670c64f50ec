package io.cebridge.flow.crmtoerp;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;

/**
 * Whether a text is an ISO-8601 instant as {@link Instant#parse} reads it. Every delivered event's version is checked:
 * the formatter behind Instant.parse cost as much CPU as decoding the event's JSON, so the shape every CRM stamp has
 * (2026-11-23T10:15:30.123Z) is checked by hand, and anything else, or a value the hand check would refuse
 * (a leap second), is left to Instant.parse.
 */
final class IsoInstant {
    private IsoInstant() {
    }

    static boolean valid(String text) {
        if (plainUtc(text)) {
            return true;
        }
        try {
            Instant.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z naming a real date and time of day; false says "not sure", not "invalid". */
    private static boolean plainUtc(String s) {
        int n = s.length();
        if (n < 20 || n > 30 || s.charAt(n - 1) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return false;
        }
        if (n > 20 && (s.charAt(19) != '.' || n == 21)) {
            return false;
        }
        for (int i = 0; i < n - 1; i++) {
            if (i != 4 && i != 7 && i != 10 && i != 13 && i != 16 && i != 19 && !isDigit(s.charAt(i))) {
                return false;
            }
        }
        try {
            LocalDate.of(num(s, 0, 4), num(s, 5, 7), num(s, 8, 10));
            LocalTime.of(num(s, 11, 13), num(s, 14, 16), num(s, 17, 19));
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int num(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            v = v * 10 + (s.charAt(i) - '0');
        }
        return v;
    }
}
