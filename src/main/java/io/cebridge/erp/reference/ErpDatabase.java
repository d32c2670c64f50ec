package io.cebridge.erp.reference;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/** The database products the reference ERP schema is written for, each with its own DDL script. */
public enum ErpDatabase {
  H2("h2", "SELECT NEXT VALUE FOR erp_customer_no_seq"),
  POSTGRESQL("postgresql", "SELECT nextval('erp_customer_no_seq')"),
  MARIADB("mariadb", "SELECT NEXT VALUE FOR erp_customer_no_seq");

  private final String scriptFolder;
  private final String nextCustomerNoSql;

  ErpDatabase(String scriptFolder, String nextCustomerNoSql) {
    this.scriptFolder = scriptFolder;
    this.nextCustomerNoSql = nextCustomerNoSql;
  }

  /**
   * Detects the database from {@link java.sql.DatabaseMetaData#getDatabaseProductName()}; the MariaDB driver reports a
   * MySQL server as "MySQL", which maps to {@link #MARIADB} too.
   *
   * @throws IllegalArgumentException naming the product when it is none of H2, PostgreSQL, MariaDB or MySQL
   */
  public static ErpDatabase detect(Connection c) throws SQLException {
    String product = c.getMetaData().getDatabaseProductName();
    String normalized = product == null ? "" : product.trim().toLowerCase(Locale.ROOT);
    switch (normalized) {
      case "h2":
        return H2;
      case "postgresql":
        return POSTGRESQL;
      case "mariadb":
      case "mysql":
        return MARIADB;
      default:
        throw new IllegalArgumentException(
            "unsupported database product '" + product + "'; reference-erp supports H2, PostgreSQL and MariaDB");
    }
  }

  /** Classpath location of this database's DDL script. */
  public String schemaResource() {
    return "erp/reference/" + scriptFolder + "/schema.sql";
  }

  /** Query returning the next customer number from erp_customer_no_seq, the same source the column default uses. */
  public String nextCustomerNoSql() {
    return nextCustomerNoSql;
  }
}
