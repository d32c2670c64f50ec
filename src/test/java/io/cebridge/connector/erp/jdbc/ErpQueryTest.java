package io.cebridge.connector.erp.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Guards: an enrichment query file that writes to the ERP being accepted because it starts with a comment. */
class ErpQueryTest {
    @Test
    void onlyQueriesThatReadAreAccepted() {
        assertThat(new ErpQuery(null, "q.sql", "-- the order line\n\nSELECT 1 FROM t WHERE a = :a").parameters())
                .containsExactly("a");
        assertThat(new ErpQuery(null, "q.sql", "WITH x AS (SELECT 1) SELECT * FROM x").parameters()).isEmpty();
        for (String writes : new String[] {"-- looks harmless\nDELETE FROM erp_customer", "UPDATE t SET a = 1",
                "-- a\n-- b\nINSERT INTO t VALUES (1)", ""}) {
            assertThatThrownBy(() -> new ErpQuery(null, "q.sql", writes)).as(writes)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be a SELECT");
        }
    }
}
