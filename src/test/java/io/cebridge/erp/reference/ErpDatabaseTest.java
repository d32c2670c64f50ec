package io.cebridge.erp.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class ErpDatabaseTest {

  /** A connection whose metadata reports the given product name and nothing else. */
  private static Connection reporting(String productName) {
    DatabaseMetaData meta = (DatabaseMetaData) Proxy.newProxyInstance(ErpDatabaseTest.class.getClassLoader(),
        new Class<?>[] {DatabaseMetaData.class}, (proxy, method, args) -> {
          if (method.getName().equals("getDatabaseProductName")) {
            return productName;
          }
          throw new UnsupportedOperationException(method.getName());
        });
    return (Connection) Proxy.newProxyInstance(ErpDatabaseTest.class.getClassLoader(),
        new Class<?>[] {Connection.class}, (proxy, method, args) -> {
          if (method.getName().equals("getMetaData")) {
            return meta;
          }
          throw new UnsupportedOperationException(method.getName());
        });
  }

  @Test
  void detectsH2FromARealConnection() throws SQLException {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:detect");
    try (Connection c = ds.getConnection()) {
      assertThat(ErpDatabase.detect(c)).isEqualTo(ErpDatabase.H2);
    }
  }

  @Test
  void mapsProductNamesReportedByTheDrivers() throws SQLException {
    assertThat(ErpDatabase.detect(reporting("PostgreSQL"))).isEqualTo(ErpDatabase.POSTGRESQL);
    assertThat(ErpDatabase.detect(reporting("MariaDB"))).isEqualTo(ErpDatabase.MARIADB);
    assertThat(ErpDatabase.detect(reporting("MySQL"))).isEqualTo(ErpDatabase.MARIADB);
  }

  @Test
  void rejectsOtherProductsByName() {
    assertThatThrownBy(() -> ErpDatabase.detect(reporting("Microsoft SQL Server")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Microsoft SQL Server");
  }

  @Test
  void eachDatabaseHasItsSchemaScript() {
    for (ErpDatabase db : ErpDatabase.values()) {
      assertThat(getClass().getClassLoader().getResource(db.schemaResource())).as(db.name()).isNotNull();
    }
  }
}
