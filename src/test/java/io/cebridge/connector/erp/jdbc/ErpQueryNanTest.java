package io.cebridge.connector.erp.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** Guards: NaN in a DOUBLE column read by an enrichment query failing its whole batch instead of the record that asked. */
class ErpQueryNanTest {
    @Test
    void aRowHoldingNanFailsTheQueryNamingTheColumn() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:nan" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        try (var c = h2.getConnection(); var s = c.createStatement()) {
            s.execute("CREATE TABLE weights (code VARCHAR(10), weight DOUBLE PRECISION)");
            s.execute("INSERT INTO weights VALUES ('A', 1.25), ('B', CAST('NaN' AS DOUBLE PRECISION)),"
                    + " ('C', CAST('Infinity' AS DOUBLE PRECISION))");
        }
        ErpQuery q = new ErpQuery(h2, "weights.sql", "SELECT code, weight FROM weights WHERE code = :code");
        assertThat(q.run(Map.of("code", "A"))).singleElement()
                .satisfies(r -> assertThat(r.get("weight")).hasToString("1.25"));
        assertThatThrownBy(() -> q.run(Map.of("code", "B"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("weights.sql").hasMessageContaining("weight holds NaN");
        assertThatThrownBy(() -> q.run(Map.of("code", "C"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("weight holds Infinity");
    }
}
