package io.cebridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

// Guards a second `docker compose up` on PostgreSQL (the compose file's ERP): reference-erp --seed must succeed doing nothing.
class ReferenceErpTwiceIT {
    private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/test";

    @Test
    void theSecondRunOnPostgresqlDoesNothingAndSucceeds() throws Exception {
        String db = "cebridge_erp_twice_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        admin("CREATE DATABASE " + db);
        try {
            String url = "jdbc:postgresql://127.0.0.1:5432/" + db;
            ReferenceErpTwiceTest.Run first = ReferenceErpTwiceTest.run(url, "postgres", Map.of());
            assertThat(first.exit()).as(first.err()).isZero();
            assertThat(first.out()).contains("reference ERP schema created and seeded");

            ReferenceErpTwiceTest.Run second = ReferenceErpTwiceTest.run(url, "postgres", Map.of());

            assertThat(second.exit()).as(second.err()).isZero();
            assertThat(second.out()).isEqualTo("reference ERP already installed: nothing done (not seeded again)\n");
        } finally {
            admin("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
        }
    }

    private static void admin(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, "postgres", ""); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
