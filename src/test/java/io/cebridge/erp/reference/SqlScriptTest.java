package io.cebridge.erp.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlScriptTest {

  @Test
  void splitsOnSemicolonsAndDropsComments() {
    List<String> statements = SqlScript.split("""
        -- header comment; with a semicolon
        CREATE TABLE a (x INT); -- trailing
        CREATE TABLE b (
          s VARCHAR(10) DEFAULT 'a;b--c' -- column comment
        );
        """);

    assertThat(statements).containsExactly(
        "CREATE TABLE a (x INT)",
        "CREATE TABLE b (\n  s VARCHAR(10) DEFAULT 'a;b--c' \n)");
  }

  @Test
  void everyBundledScriptCreatesTheSameTables() {
    for (ErpDatabase db : ErpDatabase.values()) {
      List<String> created = SqlScript.load(db.schemaResource()).stream()
          .filter(s -> s.startsWith("CREATE TABLE "))
          .map(s -> s.substring("CREATE TABLE ".length(), s.indexOf(' ', "CREATE TABLE ".length())))
          .toList();
      assertThat(created).as(db.name()).containsExactlyElementsOf(ErpTables.ALL);
    }
  }
}
