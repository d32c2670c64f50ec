package io.cebridge.reconcile;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Whether a CRM field holds what an ERP -> CRM mapping writes: numbers by exact decimal value (12.5 = 12.50, never
 * rounded), booleans as booleans, date-times as instants (Salesforce answers {@code 2026-01-05T08:00:00.000+0000} for
 * {@code 2026-01-05T08:00:00Z}); everything else as the same text (a trailing space or another case is a difference);
 * null only equals null.
 */
final class CrmValueComparison {
    private static final DateTimeFormatter SALESFORCE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx");

    private CrmValueComparison() {
    }

    static boolean same(Object written, Object crm) {
        if (written == null || crm == null) {
            return written == null && crm == null;
        }
        if (written instanceof java.util.Map || written instanceof java.util.Collection) {
            return false;
        }
        if (written instanceof Number || crm instanceof Number) {
            BigDecimal a = decimal(written);
            BigDecimal b = decimal(crm);
            return a != null && b != null && a.compareTo(b) == 0;
        }
        if (written instanceof Boolean || crm instanceof Boolean) {
            return String.valueOf(written).equalsIgnoreCase(String.valueOf(crm));
        }
        String a = String.valueOf(written);
        String b = String.valueOf(crm);
        if (a.equals(b)) {
            return true;
        }
        Instant x = instant(a);
        return x != null && x.equals(instant(b));
    }

    private static BigDecimal decimal(Object v) {
        try {
            return v instanceof BigDecimal d ? d : new BigDecimal(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Instant instant(String s) {
        if (s.length() < 19 || s.charAt(10) != 'T') {
            return null; // a date or a text: compared as written
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(s, SALESFORCE).toInstant();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }
}
