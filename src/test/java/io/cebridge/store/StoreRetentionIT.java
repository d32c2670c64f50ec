package io.cebridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Guards: resolved dead letters and audit rows kept for ever, or the purge deleting open letters, recent rows or the cross-reference, on H2, PostgreSQL or MariaDB. */
class StoreRetentionIT {
    private static final Duration RETENTION = Duration.ofDays(90);
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void purgeDeletesOnlyResolvedLettersAndAuditRowsPastTheRetention(String kind) throws Exception {
        Instant now = Instant.now();
        Instant old = now.minus(RETENTION).minus(Duration.ofDays(1));
        Instant recent = now.minus(RETENTION).plus(Duration.ofDays(1));
        try (ThrowawayStoreDatabase db = ThrowawayStoreDatabase.create(kind, tmp); StateStore store = db.open("it-retention")) {
            try (Connection c = store.dataSource().getConnection()) {
                letter(c, "old-resolved", "RESOLVED", old, old);
                letter(c, "recent-resolved", "RESOLVED", old, recent);
                letter(c, "old-open", "OPEN", old, null);
                letter(c, "old-retry", "RETRY_REQUESTED", old, null);
                // more than one delete chunk of old audit rows, and a few recent ones
                audit(c, "old", old, 2_345);
                audit(c, "recent", recent, 3);
            }
            store.xref().upsert("customer", List.of(new XrefEntry("001OLD", "100001", "2020-01-01T00:00:00.000Z")));

            assertThat(store.deadLetters().purgeResolved(now.minus(RETENTION))).isEqualTo(1);
            assertThat(store.audit().purgeOlderThan(now.minus(RETENTION))).isEqualTo(2_345);

            assertThat(store.deadLetters().list(null, true)).extracting(DeadLetter::sourceId)
                    .containsExactlyInAnyOrder("recent-resolved", "old-open", "old-retry");
            try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT source_id, COUNT(*) FROM bridge_audit GROUP BY source_id")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("recent");
                assertThat(rs.getInt(2)).isEqualTo(3);
                assertThat(rs.next()).isFalse();
            }
            assertThat(store.xref().find("customer", List.of("001OLD"))).containsKey("001OLD");
            // nothing left to purge: a second run deletes nothing
            assertThat(store.deadLetters().purgeResolved(now.minus(RETENTION))).isZero();
            assertThat(store.audit().purgeOlderThan(now.minus(RETENTION))).isZero();
        }
    }

    private static void letter(Connection c, String sourceId, String status, Instant failed, Instant resolved)
            throws Exception {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO bridge_dead_letter (flow, stage, source_id,"
                + " source_version, reason_code, reason, payload, attempts, status, first_failed_at, last_failed_at,"
                + " resolved_at) VALUES ('f', 'ingest', ?, 'v1', 'X', 'r', '{}', 1, ?, ?, ?, ?)")) {
            ps.setString(1, sourceId);
            ps.setString(2, status);
            ps.setTimestamp(3, Timestamp.from(failed));
            ps.setTimestamp(4, Timestamp.from(failed));
            ps.setTimestamp(5, resolved == null ? null : Timestamp.from(resolved));
            ps.executeUpdate();
        }
    }

    private static void audit(Connection c, String sourceId, Instant at, int rows) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO bridge_audit (flow, source_id, source_version,"
                + " target_id, action, flags, at) VALUES ('f', ?, 'v1', 't', 'INSERT', '', ?)")) {
            for (int i = 0; i < rows; i++) {
                ps.setString(1, sourceId);
                ps.setTimestamp(2, Timestamp.from(at));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
