package io.cebridge.connector.erp.jdbc;

import static io.cebridge.connector.erp.jdbc.CustomerRows.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.cebridge.it.TestErp;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guards: the ERP numbers PostgreSQL (RETURNING) and H2 (the generated keys of MERGE) hand back with an upsert, instead
 * of a look-up after it, being
 * given to the wrong record, kept for a row the database refused, or missing for a row that was updated, both when
 * the batch goes through whole and when it is unrolled row by row around a refused row.
 */
class UpsertReturningIT {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(value = TestErp.Kind.class, names = {"H2", "POSTGRESQL"})
    void theNumbersComeBackWithTheWriteForEveryRowWrittenAndNoneForARefusedOne(TestErp.Kind kind) throws Exception {
        try (TestErp erp = TestErp.create(kind, tmp)) {
            JdbcUpsertWriter writer = CustomerRows.writer(erp.dataSource());
            JdbcUpsertWriter.Upserted first = writer.upsert(List.of(row("001A", "Alpha"), row("001B", "Beta")),
                    "customer_no");
            assertThat(first.failures()).isEmpty();
            assertThat(first.returnedByKey()).isEqualTo(numbers(erp));

            // one row updated, one new, one the database refuses (a name longer than its column): unrolled
            JdbcUpsertWriter.Upserted second = writer.upsert(List.of(row("001B", "Beta renamed"), row("001C", "Gamma"),
                    row("001D", "x".repeat(101))), "customer_no");
            assertThat(second.failures()).extracting(UpsertFailure::index).containsExactly(2);
            Map<String, Object> stored = numbers(erp);
            assertThat(stored).containsOnlyKeys("001A", "001B", "001C");
            assertThat(second.returnedByKey()).containsOnlyKeys("001B", "001C")
                    .containsEntry("001B", stored.get("001B")).containsEntry("001C", stored.get("001C"));

            // without a column to hand back, nothing is read back
            assertThat(writer.upsert(List.of(row("001E", "Epsilon")), null).returnedByKey()).isNull();
        }
    }

    private static Map<String, Object> numbers(TestErp erp) throws Exception {
        Map<String, Object> out = new HashMap<>();
        try (Connection c = erp.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT crm_account_id, customer_no FROM erp_customer")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getObject(2));
            }
        }
        return out;
    }
}
