package io.cebridge.connector.erp.jdbc;

import static io.cebridge.connector.erp.jdbc.CustomerRows.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.cebridge.config.Secret;
import io.cebridge.it.TestErp;
import io.cebridge.store.Pools;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guards: PostgreSQL planning the ERP upsert again for every row (the pools plan each statement for its values), which
 * cost the 200,000-record benchmark 12 µs of database CPU per record; and the look-ups still planned for their values.
 */
class PostgresUpsertPlanIT {
    @TempDir
    Path tmp;

    @Test
    void theUpsertRunsOnOneGenericPlanAndTheSessionKeepsPlanningOthersForTheirValues() throws Exception {
        try (TestErp erp = TestErp.create(TestErp.Kind.POSTGRESQL, tmp);
             // one connection: the plans the writer's statements got are that session's to read
             HikariDataSource one = Pools.open("plan-it", erp.url, erp.user, new Secret(""), 1)) {
            JdbcUpsertWriter writer = CustomerRows.writer(one);
            for (int batch = 0; batch < 3; batch++) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    rows.add(row(String.format("001B%02dR%03d", batch, i), "Customer " + batch + "/" + i));
                }
                assertThat(writer.upsert(rows, "customer_no").failures()).isEmpty();
            }
            try (Connection c = one.getConnection(); Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT generic_plans, custom_plans FROM pg_prepared_statements"
                        + " WHERE statement LIKE 'INSERT INTO \"erp_customer\"%'")) {
                    assertThat(rs.next()).as("the upsert is a server-side prepared statement").isTrue();
                    // the driver's first executions are unnamed statements; after that, one plan for every row
                    assertThat(rs.getLong("generic_plans")).isGreaterThan(100);
                    assertThat(rs.getLong("custom_plans")).isZero();
                }
                try (ResultSet rs = s.executeQuery("SHOW plan_cache_mode")) {
                    rs.next();
                    assertThat(rs.getString(1)).as("the setting lasted for the upsert's transaction only")
                            .isEqualTo("force_custom_plan");
                }
            }
        }
    }
}
