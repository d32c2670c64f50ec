package io.cebridge.connector.erp.jdbc;

import static io.cebridge.connector.erp.jdbc.CustomerRows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cebridge.error.RetriableException;
import io.cebridge.it.TestErp;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Guards: a row whose write the database cancels every time (SQLState 57014 on PostgreSQL, 70100 on MariaDB: a lock
 * kept on it, a trigger that hangs on it, past the statement timeout) holding its whole batch, and so its flow, for
 * ever instead of being dead-lettered while the rest is written; and a database slow for every row taken for rows'
 * faults (dead-lettered) instead of retried.
 */
class HeldUpRowIT {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(value = TestErp.Kind.class, names = {"POSTGRESQL", "MARIADB"})
    void aRowTheDatabaseCancelsEveryTimeIsToldApartAndTheRestIsWritten(TestErp.Kind kind) throws Exception {
        try (TestErp erp = TestErp.create(kind, tmp)) {
            holdUpNamesStartingWith(erp, "Held up");
            JdbcUpsertWriter writer = CustomerRows.writer(erp.dataSource());

            JdbcUpsertWriter.Upserted out = writer.upsert(List.of(row("001A", "Alpha"), row("001B", "Held up Beta"),
                    row("001C", "Gamma"), row("001D", "Delta")), "customer_no", null);

            assertThat(out.failures()).singleElement().satisfies(f -> {
                assertThat(f.index()).isEqualTo(1);
                assertThat(f.timedOut()).isTrue();
                assertThat(f.describe("the row")).contains("did not finish writing the row",
                        "SQLState " + (kind == TestErp.Kind.POSTGRESQL ? "57014" : "70100"));
            });
            assertThat(erp.customerCount()).as("the other three").isEqualTo(3);
            if (out.returnedByKey() != null) {
                assertThat(out.returnedByKey()).containsOnlyKeys("001A", "001C", "001D");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestErp.Kind.class, names = {"POSTGRESQL", "MARIADB"})
    void aBatchOfWhichNoRowEndsIsRetriedNotDeadLettered(TestErp.Kind kind) throws Exception {
        try (TestErp erp = TestErp.create(kind, tmp)) {
            holdUpNamesStartingWith(erp, "");
            JdbcUpsertWriter writer = CustomerRows.writer(erp.dataSource());

            assertThatThrownBy(() -> writer.upsert(List.of(row("001A", "Alpha"), row("001B", "Beta"),
                    row("001C", "Gamma"), row("001D", "Delta"), row("001E", "Epsilon")), "customer_no", null))
                    .isInstanceOf(RetriableException.class).hasMessageContaining("the database, not a row");
            assertThatThrownBy(() -> writer.upsert(List.of(row("001A", "Alpha"), row("001B", "Beta")), "customer_no",
                    null)).isInstanceOf(RetriableException.class).hasMessageContaining("no row ended");
            assertThat(erp.customerCount()).isZero();
        }
    }

    /** The database cancels every write of a customer whose name starts so, as its statement timeout would. */
    private static void holdUpNamesStartingWith(TestErp erp, String prefix) throws Exception {
        try (Connection c = java.sql.DriverManager.getConnection(erp.url, erp.user, "");
             Statement s = c.createStatement()) {
            if (erp.kind == TestErp.Kind.POSTGRESQL) {
                s.execute("CREATE FUNCTION held_up() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                        + " IF NEW.name LIKE '" + prefix + "%' THEN RAISE EXCEPTION"
                        + " 'canceling statement due to statement timeout' USING ERRCODE = '57014'; END IF;"
                        + " RETURN NEW; END $$");
                s.execute("CREATE TRIGGER held_up BEFORE INSERT OR UPDATE ON erp_customer FOR EACH ROW"
                        + " EXECUTE FUNCTION held_up()");
            } else {
                s.execute("CREATE TRIGGER held_up BEFORE INSERT ON erp_customer FOR EACH ROW BEGIN"
                        + " IF NEW.name LIKE '" + prefix + "%' THEN SIGNAL SQLSTATE '70100' SET MESSAGE_TEXT ="
                        + " 'Query execution was interrupted (max_statement_time exceeded)'; END IF; END");
            }
        }
    }
}
