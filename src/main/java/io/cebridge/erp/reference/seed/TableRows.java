package io.cebridge.erp.reference.seed;

import java.util.ArrayList;
import java.util.List;

/** Rows destined for one table, collected in memory before they are written as a JDBC batch. */
final class TableRows {

  private final String table;
  private final List<String> columns;
  private final List<Object[]> rows = new ArrayList<>();

  TableRows(String table, String... columns) {
    this.table = table;
    this.columns = List.of(columns);
  }

  /** Adds one row; values are bound in column order, null meaning SQL NULL. */
  TableRows add(Object... values) {
    if (values.length != columns.size()) {
      throw new IllegalArgumentException(
          table + " expects " + columns.size() + " values, got " + values.length);
    }
    rows.add(values.clone());
    return this;
  }

  String table() {
    return table;
  }

  List<String> columns() {
    return columns;
  }

  List<Object[]> rows() {
    return rows;
  }
}
