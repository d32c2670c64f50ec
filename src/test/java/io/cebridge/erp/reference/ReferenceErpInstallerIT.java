package io.cebridge.erp.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGSimpleDataSource;

// Guards against schema or seed code that works on H2 but breaks on real PostgreSQL or MariaDB.
class ReferenceErpInstallerIT {

  private static final String PG_ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final String MARIADB_ADMIN_URL = "jdbc:mariadb://127.0.0.1:3306/test";

  private static String freshDatabaseName() {
    return "cebridge_erp_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  @Test
  void installsAndSeedsPostgresql() throws SQLException {
    String db = freshDatabaseName();
    admin(PG_ADMIN_URL, "postgres", "CREATE DATABASE " + db);
    try {
      PGSimpleDataSource ds = new PGSimpleDataSource();
      ds.setUrl("jdbc:postgresql://127.0.0.1:5432/" + db);
      ds.setUser("postgres");
      installAndVerify(ds);
    } finally {
      admin(PG_ADMIN_URL, "postgres", "DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
    }
  }

  @Test
  void installsAndSeedsMariadb() throws SQLException {
    String db = freshDatabaseName();
    // latin1 on purpose: the tables must bring their own utf8mb4 so the Chinese customer name survives
    admin(MARIADB_ADMIN_URL, "root", "CREATE DATABASE " + db + " CHARACTER SET latin1");
    try {
      MariaDbDataSource ds = new MariaDbDataSource();
      ds.setUrl("jdbc:mariadb://127.0.0.1:3306/" + db);
      ds.setUser("root");
      ds.setPassword("");
      installAndVerify(ds);
    } finally {
      admin(MARIADB_ADMIN_URL, "root", "DROP DATABASE IF EXISTS " + db);
    }
  }

  private static void installAndVerify(DataSource ds) throws SQLException {
    ReferenceErpInstaller installer = new ReferenceErpInstaller(ds);

    Map<String, Integer> counts = installer.install(true);

    SeededErpExpectations.assertSeedCounts(counts);
    SeededErpExpectations.assertSeedContents(ds);
    long customerNo = SeededErpExpectations.insertCustomerWithoutNumber(ds, "Hand-made customer");
    assertThat(customerNo).isEqualTo(100124L);
    SeededErpExpectations.assertUpdatedAtIsApplicationManaged(ds, customerNo);
    assertThatThrownBy(() -> installer.install(false))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("database already has table erp_customer; reference-erp needs an empty database");
  }

  private static void admin(String url, String user, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, user, ""); Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }
}
