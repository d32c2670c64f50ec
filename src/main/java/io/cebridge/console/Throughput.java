package io.cebridge.console;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Records per minute over the last hour, from the store's audit (every instance's deliveries, not only this one's):
 * versions read, writes delivered (created, updated, claimed, linked, upserted) and records dead-lettered. Only the
 * rows' times are read, through the audit's index on {@code at}; the minutes are counted here, which needs no
 * database-specific date function.
 */
final class Throughput {
    static final int MINUTES = 60;
    private static final Set<String> WRITES = Set.of("CREATED", "UPDATED", "CLAIMED", "LINKED", "UPSERTED");
    private final DataSource ds;

    /** Counts per minute, oldest first; {@code start} is the first minute's start. */
    record Series(Instant start, long[] read, long[] delivered, long[] deadLettered) {
        long max() {
            long m = 0;
            for (int i = 0; i < MINUTES; i++) {
                m = Math.max(m, Math.max(read[i], Math.max(delivered[i], deadLettered[i])));
            }
            return m;
        }

        long total(long[] series) {
            long n = 0;
            for (long v : series) {
                n += v;
            }
            return n;
        }
    }

    Throughput(DataSource ds) {
        this.ds = ds;
    }

    Series lastHour(Instant now) throws SQLException {
        Instant end = now.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
        Instant start = end.minus(Duration.ofMinutes(MINUTES));
        long[] read = new long[MINUTES];
        long[] delivered = new long[MINUTES];
        long[] dead = new long[MINUTES];
        try (Connection c = ds.getConnection()) {
            // a write's row may carry the read of its version (read_at): one read and one delivery
            try (PreparedStatement ps = c.prepareStatement("SELECT action, at, read_at FROM bridge_audit WHERE at >= ?")) {
                ps.setTimestamp(1, Timestamp.from(start));
                ps.setFetchSize(1000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String action = rs.getString(1);
                        int readMinute = minute(start, rs.getTimestamp(3));
                        if (readMinute >= 0) {
                            read[readMinute]++;
                        }
                        int minute = minute(start, rs.getTimestamp(2));
                        if (minute >= 0) {
                            if ("READ".equals(action)) {
                                read[minute]++;
                            } else if (WRITES.contains(action)) {
                                delivered[minute]++;
                            }
                        }
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT first_failed_at FROM bridge_dead_letter WHERE first_failed_at >= ?")) {
                ps.setTimestamp(1, Timestamp.from(start));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int minute = minute(start, rs.getTimestamp(1));
                        if (minute >= 0) {
                            dead[minute]++;
                        }
                    }
                }
            }
        }
        return new Series(start, read, delivered, dead);
    }

    private static int minute(Instant start, Timestamp at) {
        if (at == null) {
            return -1;
        }
        long m = Duration.between(start, at.toInstant()).toMinutes();
        return m < 0 || m >= MINUTES ? -1 : (int) m;
    }
}
