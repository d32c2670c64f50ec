package io.cebridge.connector.erp.jdbc;

import static io.cebridge.connector.erp.jdbc.CustomerRows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.cebridge.error.RetriableException;
import io.cebridge.it.TestErp;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guards: an ERP write held up (here by another session's table lock) committing after its batch's create claims
 * lapsed, when another delivery could have taken them over and created the same customers; and the cancelled write
 * being taken for the records' fault (dead-lettered) instead of retried.
 */
class PostgresWriteDeadlineIT {
    @TempDir
    Path tmp;

    @Test
    void aWriteStillWaitingAtItsDeadlineIsCancelledRolledBackAndRetriable() throws Exception {
        try (TestErp erp = TestErp.create(TestErp.Kind.POSTGRESQL, tmp)) {
            JdbcUpsertWriter writer = CustomerRows.writer(erp.dataSource());
            List<Map<String, Object>> rows = List.of(row("001A", "Alpha"), row("001B", "Beta"));
            try (Connection other = java.sql.DriverManager.getConnection(erp.url, erp.user, "");
                 Statement s = other.createStatement()) {
                other.setAutoCommit(false);
                s.execute("LOCK TABLE erp_customer IN SHARE ROW EXCLUSIVE MODE"); // inserts wait for it
                try {
                    // cancelled at its deadline, not left waiting for the lock (a failure here, not a hung build)
                    assertTimeoutPreemptively(Duration.ofSeconds(15), () -> assertThatThrownBy(
                            () -> writer.upsert(rows, "customer_no", Instant.now().plusSeconds(2)))
                            .isInstanceOf(RetriableException.class)
                            .hasMessageContaining("SQLState 57014", "bridge.delivery.create-claim-lease"));
                } finally {
                    other.rollback();
                }
            }
            assertThat(erp.customerCount()).as("nothing committed").isZero();

            assertThatThrownBy(() -> writer.upsert(rows, "customer_no", Instant.now().plusMillis(500)))
                    .isInstanceOf(RetriableException.class).hasMessageContaining("not begun");
            assertThat(erp.customerCount()).isZero();

            assertThat(writer.upsert(rows, "customer_no", Instant.now().plusSeconds(30)).returnedByKey())
                    .containsOnlyKeys("001A", "001B");
            assertThat(erp.customerCount()).isEqualTo(2);
        }
    }
}
