package io.cebridge.connector.erp.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.cebridge.it.TestErp;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guards: the matcher's look-up of a batch's USCCs scanning the whole ERP customer table once per batch on
 * PostgreSQL while the table has no statistics yet (an initial load filling a new table before autovacuum analyzes
 * it), which made each batch's look-up cost more than its upsert; and the look-up losing rows or the caller's
 * transaction its planner settings.
 */
class PostgresLookupPlanIT {
    @TempDir
    Path tmp;

    @Test
    void aLookUpOfFiveHundredUsccsReadsTheIndexOfATableWithoutStatistics() throws Exception {
        try (TestErp erp = TestErp.create(TestErp.Kind.POSTGRESQL, tmp)) {
            List<String> usccs = new ArrayList<>();
            try (Connection c = erp.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("ALTER TABLE erp_customer SET (autovacuum_enabled = false)");
                s.execute("INSERT INTO erp_customer (crm_account_id, name, uscc) SELECT lpad(g::text, 18, '0'),"
                        + " 'Customer ' || g, '91310000' || upper(substr(md5(g::text), 1, 9)) || 'X'"
                        + " FROM generate_series(1, 50000) g");
                try (ResultSet rs = s.executeQuery("SELECT uscc FROM erp_customer ORDER BY crm_account_id DESC LIMIT 500")) {
                    while (rs.next()) {
                        usccs.add(rs.getString(1));
                    }
                }
            }
            PostgresDialect dialect = new PostgresDialect();
            String lookup = dialect.selectByArray("\"customer_no\", \"uscc\"", "erp_customer", "uscc");
            assertThat(plan(erp, lookup, usccs, dialect.arrayLookupSetting())).doesNotContain("Seq Scan on erp_customer")
                    .contains("ix_erp_customer_uscc");
            // without the setting the same statement scans the table: the guard above would fail on it
            assertThat(plan(erp, lookup, usccs, null)).contains("Seq Scan on erp_customer");

            JdbcUpsertWriter writer = new JdbcUpsertWriter(erp.dataSource(), "erp_customer", "crm_account_id",
                    "updated_at", List.of("crm_account_id", "name", "uscc"));
            List<String> asked = new ArrayList<>(usccs);
            asked.add(usccs.get(0)); // asked twice: found once
            asked.add("91310000NOSUCHONEX");
            List<Map<String, Object>> rows = writer.findBy("uscc", asked, List.of("customer_no"));
            assertThat(rows).hasSize(500);
            assertThat(rows).extracting(r -> r.get("uscc")).containsExactlyInAnyOrderElementsOf(usccs);

            try (Connection c = erp.dataSource().getConnection()) {
                assertThat(writer.findBy(c, "uscc", usccs.subList(0, 10), List.of())).hasSize(10);
                assertThat(c.getAutoCommit()).as("its own transaction ended").isTrue();
                assertThat(seqScan(c)).isEqualTo("on");
                c.setAutoCommit(false); // inside the caller's transaction: its next statements plan as before
                assertThat(writer.findBy(c, "uscc", usccs.subList(0, 10), List.of())).hasSize(10);
                assertThat(seqScan(c)).isEqualTo("on");
                c.rollback();
                c.setAutoCommit(true);
            }
        }
    }

    private static String seqScan(Connection c) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW enable_seqscan")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** The plan of {@code sql} for these values, with {@code setting} (null: none) switched off as the writer does. */
    private static String plan(TestErp erp, String sql, List<String> values, String setting) throws Exception {
        StringBuilder out = new StringBuilder();
        try (Connection c = erp.dataSource().getConnection()) {
            c.setAutoCommit(false);
            if (setting != null) {
                try (Statement s = c.createStatement()) {
                    s.execute("SET LOCAL " + setting + " = off");
                }
            }
            try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + sql)) {
                ps.setArray(1, c.createArrayOf("text", values.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.append(rs.getString(1)).append('\n');
                    }
                }
            }
            c.rollback();
        }
        return out.toString();
    }
}
