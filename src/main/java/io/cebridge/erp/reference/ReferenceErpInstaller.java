package io.cebridge.erp.reference;

import io.cebridge.erp.reference.seed.ReferenceErpSeeder;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/** Creates the reference ERP schema in an empty H2, PostgreSQL or MariaDB database, optionally with demo data. */
public final class ReferenceErpInstaller {

  private final DataSource dataSource;

  public ReferenceErpInstaller(DataSource ds) {
    this.dataSource = Objects.requireNonNull(ds, "ds");
  }

  /**
   * Creates all tables and, with {@code seed}, loads the demo data.
   *
   * @return rows loaded per table, in foreign-key order (all zero without seed)
   * @throws IllegalStateException if the database already has table erp_customer
   */
  public Map<String, Integer> install(boolean seed) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      ErpDatabase database = ErpDatabase.detect(c);
      if (hasTable(c, ErpTables.CUSTOMER)) {
        throw new IllegalStateException(
            "database already has table " + ErpTables.CUSTOMER + "; reference-erp needs an empty database");
      }
      c.setAutoCommit(true);
      createSchema(c, database);
      Map<String, Integer> counts = new LinkedHashMap<>();
      ErpTables.ALL.forEach(table -> counts.put(table, 0));
      if (seed) {
        counts.putAll(new ReferenceErpSeeder(c, database.nextCustomerNoSql()).load());
      }
      return counts;
    }
  }

  /**
   * Whether the database already holds the whole reference schema (a second `docker compose up` runs the set-up
   * again): true when every table exists, false when none does.
   *
   * @throws IllegalStateException when only some of the tables exist (an unrelated schema, or one of an older
   *     version), naming the missing ones: neither installing over it nor calling it installed would be right
   */
  public boolean installed() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      List<String> missing = new ArrayList<>();
      for (String table : ErpTables.ALL) {
        if (!hasTable(c, table)) {
          missing.add(table);
        }
      }
      if (missing.isEmpty()) {
        return true;
      }
      if (missing.size() < ErpTables.ALL.size()) {
        throw new IllegalStateException("database holds part of the reference ERP schema (missing: "
            + String.join(", ", missing) + "); reference-erp needs an empty database or the whole schema");
      }
      return false;
    }
  }

  // DDL runs in auto-commit: MariaDB commits each DDL statement implicitly anyway, so a transaction would not help.
  private static void createSchema(Connection c, ErpDatabase database) throws SQLException {
    try (Statement st = c.createStatement()) {
      for (String sql : SqlScript.load(database.schemaResource())) {
        st.execute(sql);
      }
    }
  }

  // Metadata rather than a probing SELECT: a failed statement would abort an open PostgreSQL transaction.
  // Names are compared case-insensitively because H2 folds unquoted identifiers to upper case.
  private static boolean hasTable(Connection c, String table) throws SQLException {
    DatabaseMetaData meta = c.getMetaData();
    // no type filter: H2 2.x reports "BASE TABLE" where the others say "TABLE"
    try (ResultSet rs = meta.getTables(c.getCatalog(), c.getSchema(), "%", null)) {
      while (rs.next()) {
        if (table.equalsIgnoreCase(rs.getString("TABLE_NAME"))) {
          return true;
        }
      }
    }
    return false;
  }
}
