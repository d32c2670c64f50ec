package io.cebridge.erp.reference.seed;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** One record of a seed CSV file with typed, name-based access; unknown column names fail fast. */
final class CsvRow {

  private final String file;
  private final Map<String, Integer> header;
  private final List<String> values;

  CsvRow(String file, Map<String, Integer> header, List<String> values) {
    this.file = file;
    this.header = header;
    this.values = values;
  }

  /** The raw value, or null when the field was empty and unquoted. */
  String text(String column) {
    Integer index = header.get(column);
    if (index == null) {
      throw new IllegalArgumentException(file + " has no column " + column);
    }
    return values.get(index);
  }

  String required(String column) {
    String value = text(column);
    if (value == null) {
      throw new IllegalStateException(file + ": column " + column + " is empty in " + values);
    }
    return value;
  }

  // new BigDecimal(String) keeps the exact decimal digits of the file; never go through double for money.
  BigDecimal decimal(String column) {
    String value = text(column);
    return value == null ? null : new BigDecimal(value);
  }

  Integer integer(String column) {
    String value = text(column);
    return value == null ? null : Integer.valueOf(value);
  }

  LocalDate date(String column) {
    String value = text(column);
    return value == null ? null : LocalDate.parse(value);
  }
}
