package io.cebridge.connector.erp.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdbcUpsertWriterTest {
    private JdbcDataSource ds;
    private JdbcUpsertWriter writer;

    @BeforeEach
    void setUp() throws Exception {
        ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SEQUENCE cust_seq START WITH 100001");
            s.execute("CREATE TABLE cust (no BIGINT DEFAULT NEXT VALUE FOR cust_seq PRIMARY KEY, crm_id VARCHAR(18) UNIQUE,"
                    + " name VARCHAR(10) NOT NULL, code VARCHAR(5) UNIQUE, amount DECIMAL(8,2),"
                    + " updated_at TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP NOT NULL)");
        }
        writer = new JdbcUpsertWriter(ds, "cust", "crm_id", "updated_at", List.of("crm_id", "name", "code", "amount"));
    }

    @Test
    void insertsWithTheDatabasesNumberingThenUpdatesInPlace() throws Exception {
        assertThat(writer.upsert(List.of(row("a", "Alpha", "A1", "1.50"), row("b", "Beta", null, null)))).isEmpty();
        assertThat(writer.upsert(List.of(row("a", "Alpha2", "A1", "1.50")))).isEmpty();
        List<Map<String, Object>> rows = writer.findBy("crm_id", List.of("a", "b"), List.of("no"));
        assertThat(rows).hasSize(2);
        Map<String, Object> a = rows.stream().filter(r -> r.get("crm_id").equals("a")).findFirst().orElseThrow();
        assertThat(a.get("name")).isEqualTo("Alpha2");
        assertThat(((Number) a.get("no")).longValue()).isGreaterThanOrEqualTo(100001);
    }

    @Test
    void sameContentIsRecognisedAcrossNumericScale() {
        writer.upsert(List.of(row("a", "Alpha", "A1", "1.5")));
        Map<String, Object> stored = writer.findBy("crm_id", List.of("a"), List.of()).get(0);
        assertThat(writer.sameContent(stored, row("a", "Alpha", "A1", "1.50"))).isTrue();
        assertThat(writer.sameContent(stored, row("a", "Alpha", "A1", "1.51"))).isFalse();
        assertThat(writer.sameContent(stored, row("a", "Alpha", null, "1.5"))).isFalse();
    }

    @Test
    void valuesTheColumnsCannotHoldAreReportedNotTruncatedOrRounded() {
        assertThat(writer.check(row("a", "ABCDEFGHIJK", "A1", "1.005")))
                .anySatisfy(p -> assertThat(p).contains("CUST.NAME").contains("11 characters").contains("holds 10"))
                .anySatisfy(p -> assertThat(p).contains("more than 2 decimals"));
        assertThat(writer.check(row("a", "中文名字十个字正好", "A1", "999999.99"))).isEmpty();
        Map<String, Object> unknown = row("a", "x", null, null);
        unknown.put("colour", "red");
        assertThat(writer.check(unknown)).anySatisfy(p -> assertThat(p).contains("'colour'"));
    }

    @Test
    void aPoisonRowFailsAloneAndTheRestOfTheBatchIsWritten() throws Exception {
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            batch.add(row("id" + i, "n" + i, "C" + i, null));
        }
        batch.set(20, row("id20", "n20", "C3", null)); // same unique code as row 3
        List<UpsertFailure> failures = writer.upsert(batch);
        assertThat(failures).extracting(UpsertFailure::index).containsExactly(20);
        assertThat(failures.get(0).sqlState()).isEqualTo("23505");
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM cust")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(49);
        }
    }

    @Test
    void claimSetsTheKeyOnlyWhereItIsStillEmpty() throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO cust (name, code) VALUES ('Hand', 'H1')");
        }
        Object no = writer.findBy("code", List.of("H1"), List.of("no")).get(0).get("no");
        assertThat(writer.claim("no", no, "crm_id", "x")).isTrue();
        assertThat(writer.claim("no", no, "crm_id", "y")).isFalse();
    }

    private static Map<String, Object> row(String id, String name, String code, String amount) {
        Map<String, Object> m = new HashMap<>();
        m.put("crm_id", id);
        m.put("name", name);
        m.put("code", code);
        m.put("amount", amount);
        return m;
    }
}
