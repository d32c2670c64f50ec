package io.cebridge.erp.reference.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvFileTest {

  @Test
  void readsQuotingNullsAndComments() {
    List<CsvRow> rows = CsvFile.parse("t.csv", "# a comment line, skipped\n"
        + "code,name,note,amount\n"
        + "A1,\"54, rue Royale\",\"\",12.30\n"
        + "B2,\"He said \"\"hi\"\"\",,0.10\r\n");

    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).text("name")).isEqualTo("54, rue Royale");
    assertThat(rows.get(0).text("note")).isEmpty();
    assertThat(rows.get(0).decimal("amount")).isEqualByComparingTo("12.30").hasScaleOf(2);
    assertThat(rows.get(1).text("name")).isEqualTo("He said \"hi\"");
    assertThat(rows.get(1).text("note")).isNull();
    assertThat(rows.get(1).decimal("amount")).hasToString("0.10");
  }

  @Test
  void keepsLineBreaksInsideQuotes() {
    List<CsvRow> rows = CsvFile.parse("t.csv", "a,b\n\"line 1\nline 2\",x\n");

    assertThat(rows).singleElement().satisfies(r -> assertThat(r.text("a")).isEqualTo("line 1\nline 2"));
  }

  @Test
  void rejectsRaggedRecordsAndUnknownColumns() {
    assertThatThrownBy(() -> CsvFile.parse("t.csv", "a,b\n1\n"))
        .hasMessageContaining("t.csv record 1 has 1 fields");
    CsvRow row = CsvFile.parse("t.csv", "a\n1\n").get(0);
    assertThatThrownBy(() -> row.text("b")).hasMessageContaining("no column b");
  }

  @Test
  void bundledClassicModelsFilesHoldEverySourceRow() {
    assertThat(CsvFile.read("classicmodels-customers.csv")).hasSize(122);
    assertThat(CsvFile.read("classicmodels-products.csv")).hasSize(110);
    assertThat(CsvFile.read("classicmodels-orders.csv")).hasSize(326);
    assertThat(CsvFile.read("classicmodels-order-lines.csv")).hasSize(2996);
    assertThat(CsvFile.read("classicmodels-payments.csv")).hasSize(273);
  }
}
