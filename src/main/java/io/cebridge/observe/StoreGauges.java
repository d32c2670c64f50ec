package io.cebridge.observe;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Reads the state store for the gauges computed at scrape time, straight from its tables (read-only, one query each,
 * on H2, PostgreSQL and MariaDB alike): open dead letters by flow and reason code, how long ago each watermark
 * was last written, the findings of the last scheduled reconcile of each flow, and the CRM write-backs waiting in
 * each flow's outbox.
 */
final class StoreGauges {
    private final DataSource store;
    private final Clock clock;

    StoreGauges(DataSource store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Letters not resolved (open, retry requested, retrying), by [flow, reason code]. */
    Map<List<String>, Long> openDeadLetters() throws SQLException {
        Map<List<String>, Long> out = new LinkedHashMap<>();
        try (Connection c = store.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT flow, reason_code, COUNT(*) FROM bridge_dead_letter"
                     + " WHERE status <> 'RESOLVED' GROUP BY flow, reason_code")) {
            while (rs.next()) {
                out.put(List.of(rs.getString(1), rs.getString(2)), rs.getLong(3));
            }
        }
        return out;
    }

    /**
     * Seconds since each watermark was last written, by [flow, source]: a CRM poller's watermark is named by its
     * flow (source "crm"), an ERP change table's "flow/table" (source: the table; "refresh" for the daily refresh).
     */
    Map<List<String>, Double> watermarkAges() throws SQLException {
        Map<List<String>, Double> out = new LinkedHashMap<>();
        try (Connection c = store.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT flow, updated_at FROM bridge_watermark")) {
            while (rs.next()) {
                String name = rs.getString(1);
                Timestamp at = rs.getTimestamp(2);
                int slash = name.indexOf('/');
                List<String> key = slash < 0 ? List.of(name, "crm") : List.of(name.substring(0, slash), name.substring(slash + 1));
                out.put(key, Math.max(0, Duration.between(at.toInstant(), clock.instant()).toMillis() / 1000.0));
            }
        }
        return out;
    }

    /**
     * The findings of each flow's last scheduled reconcile by [flow, kind] (bridge_reconcile_count); empty until one
     * ran (a store migrated before V7 has no such table: nothing to show, not an error).
     */
    Map<List<String>, Long> reconcileDifferences() throws SQLException {
        Map<List<String>, Long> out = new LinkedHashMap<>();
        try (Connection c = store.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT flow, kind, n FROM bridge_reconcile_count")) {
            while (rs.next()) {
                out.put(List.of(rs.getString(1), rs.getString(2)), rs.getLong(3));
            }
        }
        return out;
    }

    /**
     * The CRM write-back outbox by flow: [entries waiting, seconds since the oldest of them was stored] (volume mode,
     * see io.cebridge.flow.crmtoerp.WriteBackOutbox); a flow with nothing waiting is not listed.
     */
    Map<String, double[]> outbox() throws SQLException {
        Map<String, double[]> out = new LinkedHashMap<>();
        try (Connection c = store.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT flow, COUNT(*), MIN(created_at) FROM bridge_crm_outbox GROUP BY flow")) {
            while (rs.next()) {
                Timestamp oldest = rs.getTimestamp(3);
                out.put(rs.getString(1), new double[] {rs.getLong(2),
                        Math.max(0, Duration.between(oldest.toInstant(), clock.instant()).toMillis() / 1000.0)});
            }
        }
        return out;
    }
}
