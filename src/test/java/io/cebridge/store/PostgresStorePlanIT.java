package io.cebridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.cebridge.config.Secret;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guards, on a PostgreSQL state store: PostgreSQL planning the link, audit and claim inserts of a delivery batch again
 * for every row (the pools plan each statement for its values), 19 µs of database CPU per record in the 200,000-record
 * benchmark; and a batch's read of its claims' holders scanning the whole claim table while it has no statistics yet
 * (an initial load: each batch read more than the last).
 */
class PostgresStorePlanIT {
    private static final String CUSTOMER = "customer";
    @TempDir
    Path tmp;

    @Test
    void aBatchsInsertsRunOnOneGenericPlanEachAndTheSessionKeepsPlanningReadsForTheirValues() throws Exception {
        try (ThrowawayStoreDatabase db = ThrowawayStoreDatabase.create("postgresql", tmp);
             StateStore migrated = db.open("plan-it-migrate");
             // one connection: the plans the store's statements got are that session's to read
             HikariDataSource one = Pools.open("plan-it", db.url, db.user, new Secret(""), 1)) {
            XrefRepository xref = new XrefRepository(one, DbKind.POSTGRESQL);
            CreateClaimRepository claims = new CreateClaimRepository(one, DbKind.POSTGRESQL);
            for (int batch = 0; batch < 3; batch++) {
                List<XrefEntry> links = new ArrayList<>();
                List<AuditEntry> audit = new ArrayList<>();
                Map<String, String> wanted = new LinkedHashMap<>();
                for (int i = 0; i < 40; i++) {
                    String crmId = String.format("001B%02dR%03d", batch, i);
                    links.add(new XrefEntry(crmId, String.valueOf(100_000 + batch * 40 + i), "v1"));
                    audit.add(new AuditEntry("customer-master", crmId, "v1", "1", "CREATED", null));
                    wanted.put("91310000B" + batch + "R" + i, crmId);
                }
                assertThat(claims.claim(CUSTOMER, wanted, Duration.ofMinutes(2))).isEqualTo(wanted);
                xref.upsert("customer", links, audit);
            }
            try (Connection c = one.getConnection(); Statement s = c.createStatement()) {
                for (String table : List.of("bridge_xref", "bridge_audit", "bridge_create_claim")) {
                    try (ResultSet rs = s.executeQuery("SELECT generic_plans, custom_plans FROM pg_prepared_statements"
                            + " WHERE statement LIKE 'INSERT INTO " + table + " %'")) {
                        assertThat(rs.next()).as(table + "'s insert is a server-side prepared statement").isTrue();
                        // the driver's first executions are unnamed statements; after that, one plan for every row
                        assertThat(rs.getLong("generic_plans")).as(table).isGreaterThan(100);
                        assertThat(rs.getLong("custom_plans")).as(table).isZero();
                    }
                }
                try (ResultSet rs = s.executeQuery("SHOW plan_cache_mode")) {
                    rs.next();
                    assertThat(rs.getString(1)).as("the setting lasted for each write's transaction only")
                            .isEqualTo("force_custom_plan");
                }
            }
        }
    }

    @Test
    void aBatchReadsItsClaimsHoldersByTheKeyOfATableWithoutStatistics() throws Exception {
        try (ThrowawayStoreDatabase db = ThrowawayStoreDatabase.create("postgresql", tmp);
             StateStore store = db.open("plan-it")) {
            List<String> values = new ArrayList<>();
            try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("ALTER TABLE bridge_create_claim SET (autovacuum_enabled = false)");
                s.execute("INSERT INTO bridge_create_claim (entity, claim_value, source_id, claimed_at) SELECT 'customer',"
                        + " '91310000' || upper(substr(md5(g::text), 1, 9)) || 'X', lpad(g::text, 18, '0'),"
                        + " CURRENT_TIMESTAMP FROM generate_series(1, 50000) g");
                try (ResultSet rs = s.executeQuery("SELECT claim_value FROM bridge_create_claim ORDER BY source_id DESC"
                        + " LIMIT 500")) {
                    while (rs.next()) {
                        values.add(rs.getString(1));
                    }
                }
            }
            String holders = InList.select(DbKind.POSTGRESQL, "claim_value, source_id, claimed_at", "bridge_create_claim",
                    "claim_value", values.size(), "entity = ?");
            assertThat(plan(store, holders, values)).doesNotContain("Seq Scan on bridge_create_claim");
            // the form it replaces scans the table: the guard above would fail on it
            assertThat(plan(store, "SELECT claim_value, source_id, claimed_at FROM bridge_create_claim WHERE"
                    + " claim_value = ANY (?) AND entity = ?", values)).contains("Seq Scan on bridge_create_claim");

            Map<String, String> wanted = new LinkedHashMap<>();
            values.subList(0, 3).forEach(v -> wanted.put(v, "001NEWCOMER"));
            wanted.put("91310000FREEVALUEX", "001NEWCOMER");
            Map<String, String> held = store.createClaims().claim(CUSTOMER, wanted, Duration.ofMinutes(2));
            assertThat(held).as("three held by their first claimers, one free").hasSize(4)
                    .containsEntry("91310000FREEVALUEX", "001NEWCOMER");
            assertThat(held.values().stream().filter("001NEWCOMER"::equals)).hasSize(1);
        }
    }

    private static String plan(StateStore store, String sql, List<String> values) throws Exception {
        StringBuilder out = new StringBuilder();
        try (Connection c = store.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("EXPLAIN " + sql)) {
            ps.setArray(1, c.createArrayOf("text", values.toArray()));
            ps.setString(2, CUSTOMER);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.append(rs.getString(1)).append('\n');
                }
            }
        }
        return out.toString();
    }
}
