package io.cebridge.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Parsers shared by config keys; each throws IllegalArgumentException with a reason a person can act on. */
public final class ConfigParsers {
    private ConfigParsers() {
    }

    static boolean bool(String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        if (s.equals("true") || s.equals("false")) {
            return Boolean.parseBoolean(s);
        }
        throw new IllegalArgumentException("expected true or false, got '" + v + "'");
    }

    static int intInRange(String v, int min, int max) {
        int n;
        try {
            n = Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a whole number, got '" + v + "'");
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException("expected a number from " + min + " to " + max + ", got " + n);
        }
        return n;
    }

    /** A duration longer than zero (retention periods: zero would delete everything as soon as it is written). */
    static Duration positiveDuration(String v) {
        Duration d = duration(v);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException("expected a duration longer than zero, got '" + v + "'");
        }
        return d;
    }

    /** Accepts 500ms, 30s, 5m, 1h, 90d or ISO-8601 (PT30S, P90D). */
    public static Duration duration(String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        try {
            if (s.startsWith("pt") || s.startsWith("p")) {
                return Duration.parse(s.toUpperCase(Locale.ROOT));
            }
            if (s.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
            }
            long n = Long.parseLong(s.substring(0, s.length() - 1));
            switch (s.charAt(s.length() - 1)) {
                case 's': return Duration.ofSeconds(n);
                case 'm': return Duration.ofMinutes(n);
                case 'h': return Duration.ofHours(n);
                case 'd': return Duration.ofDays(n);
                default: break;
            }
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            // fall through to the common message
        }
        throw new IllegalArgumentException("expected a duration such as 500ms, 30s, 5m, 7d or PT1M, got '" + v + "'");
    }
}
