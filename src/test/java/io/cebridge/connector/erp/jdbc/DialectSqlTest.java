package io.cebridge.connector.erp.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.cebridge.store.DbKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class DialectSqlTest {
    private final List<String> cols = List.of("crm_account_id", "name");

    @Test
    void postgresUsesOnConflictWithQuotedIdentifiers() {
        assertThat(ErpDialect.of(DbKind.POSTGRESQL).upsert("erp_customer", cols, "crm_account_id", "updated_at"))
                .isEqualTo("INSERT INTO \"erp_customer\" (\"crm_account_id\", \"name\", \"updated_at\") VALUES (?, ?,"
                        + " CURRENT_TIMESTAMP) ON CONFLICT (\"crm_account_id\") DO UPDATE SET \"name\" = EXCLUDED.\"name\","
                        + " \"updated_at\" = EXCLUDED.\"updated_at\"");
    }

    @Test
    void mariaDbUsesOnDuplicateKeyWithBackticks() {
        assertThat(ErpDialect.of(DbKind.MARIADB).upsert("erp_customer", cols, "crm_account_id", "updated_at"))
                .startsWith("INSERT INTO `erp_customer` (`crm_account_id`, `name`, `updated_at`)")
                .contains("ON DUPLICATE KEY UPDATE `name` = VALUES(`name`)");
    }

    @Test
    void h2UsesStandardMerge() {
        assertThat(ErpDialect.of(DbKind.H2).upsert("ERP_CUSTOMER", cols, "crm_account_id", "updated_at"))
                .startsWith("MERGE INTO \"ERP_CUSTOMER\" t USING (VALUES (?, ?))")
                .contains("WHEN NOT MATCHED THEN INSERT");
    }

    @Test
    void identifiersCannotBreakOutOfTheirQuotes() {
        assertThat(ErpDialect.of(DbKind.POSTGRESQL).quote("a\"; DROP TABLE x; --")).isEqualTo("\"a\"\"; DROP TABLE x; --\"");
        assertThat(ErpDialect.of(DbKind.MARIADB).quote("a`b")).isEqualTo("`a``b`");
    }
}
