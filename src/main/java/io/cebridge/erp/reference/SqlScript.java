package io.cebridge.erp.reference;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Splits a bundled DDL script into single statements, because JDBC executes one statement per call. */
final class SqlScript {

  private SqlScript() {
  }

  static List<String> load(String resource) {
    try (InputStream in = SqlScript.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing classpath resource " + resource);
      }
      return split(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  /** Splits on semicolons outside string literals and drops "--" comments; the scripts use no procedural blocks. */
  static List<String> split(String script) {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean inString = false;
    int i = 0;
    while (i < script.length()) {
      char ch = script.charAt(i);
      if (inString) {
        current.append(ch);
        if (ch == '\'') {
          inString = false;
        }
      } else if (ch == '\'') {
        inString = true;
        current.append(ch);
      } else if (ch == '-' && i + 1 < script.length() && script.charAt(i + 1) == '-') {
        int end = script.indexOf('\n', i);
        i = end < 0 ? script.length() : end;
        continue;
      } else if (ch == ';') {
        addIfNotBlank(statements, current);
        current.setLength(0);
      } else {
        current.append(ch);
      }
      i++;
    }
    addIfNotBlank(statements, current);
    return statements;
  }

  private static void addIfNotBlank(List<String> statements, StringBuilder sql) {
    String statement = sql.toString().strip();
    if (!statement.isEmpty()) {
      statements.add(statement);
    }
  }
}
