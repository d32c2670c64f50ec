package io.cebridge.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.cebridge.connector.erp.jdbc.ErpColumn;
import java.math.BigDecimal;
import java.sql.Types;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueComparisonTest {
    private static final ErpColumn AMOUNT = new ErpColumn("AMOUNT", Types.DECIMAL, "DECIMAL", 15, 2, true, false);
    private static final ErpColumn NAME = new ErpColumn("NAME", Types.VARCHAR, "VARCHAR", 100, 0, true, false);
    private static final ErpColumn CODE = new ErpColumn("COUNTRY_CODE", Types.CHAR, "CHAR", 3, 0, true, false);
    private static final ErpColumn DAY = new ErpColumn("EXPENSE_DATE", Types.DATE, "DATE", 10, 0, true, false);

    @Test
    void decimalsCompareByExactValueNeverRounded() {
        assertThat(ValueComparison.same(AMOUNT, new BigDecimal("12.5"), new BigDecimal("12.50"))).isTrue();
        assertThat(ValueComparison.same(AMOUNT, "12.50", new BigDecimal("12.50"))).isTrue();
        assertThat(ValueComparison.same(AMOUNT, new BigDecimal("12.50"), new BigDecimal("12.51"))).isFalse();
        // one more decimal than the column holds is a difference, not "the same after rounding"
        assertThat(ValueComparison.same(AMOUNT, new BigDecimal("12.505"), new BigDecimal("12.51"))).isFalse();
        assertThat(ValueComparison.same(AMOUNT, new BigDecimal("0.1"), 0.1d)).isTrue();
        assertThat(ValueComparison.same(AMOUNT, "twelve", new BigDecimal("12"))).isFalse();
    }

    @Test
    void nullIsOnlyEqualToNullNotToAnEmptyText() {
        assertThat(ValueComparison.same(NAME, null, null)).isTrue();
        assertThat(ValueComparison.same(NAME, "", null)).isFalse();
        assertThat(ValueComparison.same(NAME, null, "")).isFalse();
        assertThat(ValueComparison.same(AMOUNT, null, BigDecimal.ZERO)).isFalse();
    }

    @Test
    void textIsComparedExactlyTrailingSpacesAndWidthCount() {
        assertThat(ValueComparison.same(NAME, "小米科技有限责任公司", "小米科技有限责任公司")).isTrue();
        assertThat(ValueComparison.same(NAME, "小米科技有限责任公司", "小米科技有限责任公司  ")).isFalse();
        assertThat(ValueComparison.same(NAME, " Acme", "Acme")).isFalse();
        assertThat(ValueComparison.same(NAME, "ACME", "Acme")).isFalse();
        assertThat(ValueComparison.same(NAME, "１３８", "138")).isFalse();
    }

    @Test
    void charColumnsIgnoreOnlyThePaddingTheDatabaseAdds() {
        assertThat(ValueComparison.same(CODE, "CN", "CN ")).isTrue();
        assertThat(ValueComparison.same(CODE, " CN", "CN ")).isFalse();
    }

    @Test
    void datesCompareAsDays() {
        assertThat(ValueComparison.same(DAY, "2026-11-02", java.sql.Date.valueOf("2026-11-02"))).isTrue();
        assertThat(ValueComparison.same(DAY, "2026-11-03", java.sql.Date.valueOf("2026-11-02"))).isFalse();
        assertThat(ValueComparison.same(DAY, "02/11/2026", java.sql.Date.valueOf("2026-11-02"))).isFalse();
    }

    @Test
    void reportShowsValuesSoSpacesAndNullsAreVisible() {
        assertThat(ValueComparison.show("Acme  ")).isEqualTo("\"Acme  \"");
        assertThat(ValueComparison.show(null)).isEqualTo("null");
        assertThat(ValueComparison.show(new BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(ValueComparison.show(new BigDecimal("12.50"))).isEqualTo("12.50");
    }

    @Test
    void differencesNameEachColumnWithBothValues() {
        Map<String, ErpColumn> cols = Map.of("name", NAME, "amount", AMOUNT, "country_code", CODE);
        Map<String, Object> mapped = new LinkedHashMap<>();
        mapped.put("name", "Acme");
        mapped.put("AMOUNT", new BigDecimal("10.10")); // the mapping may spell a column in another case
        mapped.put("country_code", "CN");
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put("name", "Acme ");
        stored.put("amount", new BigDecimal("10.1"));
        stored.put("country_code", null);
        assertThat(Reconciler.differences(n -> cols.get(n.toLowerCase()), List.of("name", "amount", "country_code"),
                mapped, stored)).containsExactly(new Finding.ColumnDifference("name", "Acme", "Acme "),
                new Finding.ColumnDifference("country_code", "CN", null));
    }
}
