package io.cebridge.connector.erp.jdbc;

import java.util.List;
import java.util.stream.Collectors;

/** PostgreSQL: INSERT ... ON CONFLICT (key) DO UPDATE. */
final class PostgresDialect implements ErpDialect {
    @Override
    public String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /**
     * One index probe per value, whatever the table's statistics say: PostgreSQL plans an IN list of 500 parameters on
     * every execution, and with no statistics yet (a table an initial load fills, before autovacuum's first analyze a
     * minute in) it planned {@code column = ANY (...)} of 500 values as a scan of the whole table, once per batch; the
     * lateral subquery behind {@code OFFSET 0} (not flattened into a join) is read through the column's index.
     */
    @Override
    public String selectByArray(String selectList, String table, String column) {
        return "SELECT e.* FROM unnest(?::text[]) AS u(v) CROSS JOIN LATERAL (SELECT " + selectList + " FROM "
                + quote(table) + " WHERE " + quote(column) + " = u.v OFFSET 0) AS e";
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
