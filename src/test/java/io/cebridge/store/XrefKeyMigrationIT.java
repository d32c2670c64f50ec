package io.cebridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Guards: an embedded store made before V12 losing or doubling its links when its cross-reference key is rebuilt. */
class XrefKeyMigrationIT {
    @TempDir
    Path tmp;

    @Test
    void linksOfAStoreAtV11AreKeptAndStillUniqueAfterV12() throws Exception {
        String url = "jdbc:h2:file:" + tmp.resolve("bridge") + ";DB_CLOSE_ON_EXIT=FALSE";
        try (HikariDataSource ds = Pools.open("store", url, "sa", null, 2)) {
            Flyway.configure().dataSource(ds).locations("classpath:db/store/h2").table("bridge_schema_history")
                    .baselineOnMigrate(true).baselineVersion("0").target("11").load().migrate();
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO bridge_xref (entity_type, crm_id, erp_id, source_version, updated_at) VALUES"
                        + " ('customer', '001A', '100001', '2026-11-01T00:00:00.000Z', CURRENT_TIMESTAMP),"
                        + " ('contact', '001A', 'C-7', '2026-11-01T00:00:00.000Z', CURRENT_TIMESTAMP)");
            }
            StateStore store = new StateStore(ds); // migrates to the current version
            assertThat(store.xref().find("customer", List.of("001A")).get("001A").erpId()).isEqualTo("100001");
            assertThat(store.xref().find("contact", List.of("001A")).get("001A").erpId()).isEqualTo("C-7");
            store.xref().upsert("customer", List.of(new XrefEntry("001A", "100002", "2026-11-02T00:00:00.000Z")));
            assertThat(store.xref().find("customer", List.of("001A")).get("001A").erpId()).isEqualTo("100002");
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                var rs = s.executeQuery("SELECT COUNT(*) FROM bridge_xref");
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(2);
                assertThat(s.executeUpdate("MERGE INTO bridge_xref (entity_type, crm_id, erp_id, source_version,"
                        + " updated_at) KEY (entity_type, crm_id) VALUES ('customer', '001A', '100003',"
                        + " '2026-11-03T00:00:00.000Z', CURRENT_TIMESTAMP)")).isEqualTo(1);
                rs = s.executeQuery("SELECT COUNT(*) FROM bridge_xref WHERE crm_id = '001A'");
                rs.next();
                assertThat(rs.getInt(1)).as("still one link per entity and CRM id").isEqualTo(2);
            }
        }
    }
}
