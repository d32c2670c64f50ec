package io.cebridge.erp.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReferenceErpInstallerTest {

  private static JdbcDataSource h2(String options) {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:erp_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1" + options);
    return ds;
  }

  @Test
  void seedMatchesTheClassicModelsSourceAndBalances() throws SQLException {
    JdbcDataSource ds = h2("");

    Map<String, Integer> counts = new ReferenceErpInstaller(ds).install(true);

    SeededErpExpectations.assertSeedCounts(counts);
    SeededErpExpectations.assertSeedContents(ds);
  }

  // Users may point the CLI at an H2 database opened in PostgreSQL mode with lower-case identifiers.
  @ParameterizedTest
  @ValueSource(strings = {";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", ";MODE=MariaDB"})
  void installsInH2CompatibilityModes(String options) throws SQLException {
    JdbcDataSource ds = h2(options);

    Map<String, Integer> counts = new ReferenceErpInstaller(ds).install(true);

    SeededErpExpectations.assertSeedCounts(counts);
    SeededErpExpectations.assertSeedContents(ds);
  }

  @Test
  void customerWithoutNumberGetsOneFromTheSequence() throws SQLException {
    JdbcDataSource ds = h2("");
    new ReferenceErpInstaller(ds).install(false);

    long first = SeededErpExpectations.insertCustomerWithoutNumber(ds, "手工客户 A");
    long second = SeededErpExpectations.insertCustomerWithoutNumber(ds, "手工客户 B");

    assertThat(first).isEqualTo(100001L);
    assertThat(second).isEqualTo(100002L);
  }

  @Test
  void seededCustomersLeaveTheSequenceAheadOfThem() throws SQLException {
    JdbcDataSource ds = h2("");
    new ReferenceErpInstaller(ds).install(true);

    assertThat(SeededErpExpectations.insertCustomerWithoutNumber(ds, "New hand-made customer")).isEqualTo(100124L);
  }

  @Test
  void updatedAtChangesOnlyWhenTheApplicationSetsIt() throws SQLException {
    JdbcDataSource ds = h2("");
    new ReferenceErpInstaller(ds).install(false);
    long customerNo = SeededErpExpectations.insertCustomerWithoutNumber(ds, "Polled customer");

    SeededErpExpectations.assertUpdatedAtIsApplicationManaged(ds, customerNo);
  }

  @Test
  void withoutSeedCreatesEveryTableEmpty() throws SQLException {
    JdbcDataSource ds = h2("");

    Map<String, Integer> counts = new ReferenceErpInstaller(ds).install(false);

    assertThat(counts.keySet()).containsExactlyElementsOf(ErpTables.ALL);
    assertThat(counts.values()).containsOnly(0);
    try (Connection c = ds.getConnection()) {
      for (String table : ErpTables.ALL) {
        assertThat(SeededErpExpectations.number(c, "SELECT COUNT(*) FROM " + table)).as(table).isZero();
      }
    }
  }

  @Test
  void secondInstallRefusesANonEmptyDatabase() throws SQLException {
    JdbcDataSource ds = h2("");
    ReferenceErpInstaller installer = new ReferenceErpInstaller(ds);
    installer.install(true);

    assertThatThrownBy(() -> installer.install(true))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("database already has table erp_customer; reference-erp needs an empty database");
  }
}
