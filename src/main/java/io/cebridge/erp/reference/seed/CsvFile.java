package io.cebridge.erp.reference.seed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the bundled seed CSV files: RFC 4180 quoting, a header row, lines starting with '#' as comments, and an
 * unquoted empty field as SQL NULL (a quoted empty field "" is an empty string), which is how psql's \copy writes them.
 */
final class CsvFile {

  private static final String SEED_FOLDER = "erp/reference/seed/";

  private CsvFile() {
  }

  static List<CsvRow> read(String fileName) {
    String resource = SEED_FOLDER + fileName;
    try (InputStream in = CsvFile.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing classpath resource " + resource);
      }
      return parse(fileName, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  static List<CsvRow> parse(String name, String text) {
    List<List<String>> records = records(text);
    if (records.isEmpty()) {
      throw new IllegalStateException(name + " has no header row");
    }
    Map<String, Integer> header = new HashMap<>();
    List<String> names = records.get(0);
    for (int i = 0; i < names.size(); i++) {
      header.put(names.get(i), i);
    }
    List<CsvRow> rows = new ArrayList<>();
    for (int r = 1; r < records.size(); r++) {
      List<String> values = records.get(r);
      if (values.size() != names.size()) {
        throw new IllegalStateException(
            name + " record " + r + " has " + values.size() + " fields, header has " + names.size());
      }
      rows.add(new CsvRow(name, header, values));
    }
    return rows;
  }

  private static List<List<String>> records(String text) {
    List<List<String>> records = new ArrayList<>();
    List<String> record = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;     // the current field started with a quote
    boolean inQuotes = false;   // inside the quoted part right now
    boolean recordStart = true;
    int i = 0;
    int n = text.length();
    while (i < n) {
      char ch = text.charAt(i);
      if (inQuotes) {
        if (ch == '"' && i + 1 < n && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (ch == '"') {
          inQuotes = false;
        } else {
          field.append(ch);
        }
      } else if (recordStart && ch == '#') {
        int end = text.indexOf('\n', i);
        i = end < 0 ? n : end + 1;
        continue;
      } else if (ch == '"' && field.length() == 0 && !quoted) {
        quoted = true;
        inQuotes = true;
      } else if (ch == ',') {
        record.add(value(field, quoted));
        field.setLength(0);
        quoted = false;
      } else if (ch == '\r' || ch == '\n') {
        if (!(recordStart && field.length() == 0 && !quoted)) {
          record.add(value(field, quoted));
          records.add(record);
          record = new ArrayList<>();
          field.setLength(0);
          quoted = false;
        }
        recordStart = true;
        i++;
        continue;
      } else {
        field.append(ch);
      }
      recordStart = false;
      i++;
    }
    if (inQuotes) {
      throw new IllegalStateException("unterminated quoted field at end of CSV");
    }
    if (!recordStart || field.length() > 0 || quoted) {
      record.add(value(field, quoted));
      records.add(record);
    }
    return records;
  }

  private static String value(StringBuilder field, boolean quoted) {
    return field.length() == 0 && !quoted ? null : field.toString();
  }
}
