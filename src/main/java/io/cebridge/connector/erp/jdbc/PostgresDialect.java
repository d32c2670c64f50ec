package io.cebridge.connector.erp.jdbc;

import java.util.List;
import java.util.stream.Collectors;

/** PostgreSQL: INSERT ... ON CONFLICT (key) DO UPDATE. */
final class PostgresDialect implements ErpDialect {
    @Override
    public String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    @Override
    public boolean textArrays() {
        return true;
    }

    @Override
    public String upsert(String table, List<String> columns, String keyColumn, String stampColumn) {
        String cols = columns.stream().map(this::quote).collect(Collectors.joining(", "));
        String marks = columns.stream().map(c -> "?").collect(Collectors.joining(", "));
        String set = columns.stream().filter(c -> !c.equals(keyColumn)).map(c -> quote(c) + " = EXCLUDED." + quote(c))
                .collect(Collectors.joining(", "));
        return "INSERT INTO " + quote(table) + " (" + cols + ", " + quote(stampColumn) + ") VALUES (" + marks
                + ", CURRENT_TIMESTAMP) ON CONFLICT (" + quote(keyColumn) + ") DO UPDATE SET " + set + ", "
                + quote(stampColumn) + " = EXCLUDED." + quote(stampColumn);
    }
}
