package io.cebridge.connector.erp.jdbc;

import io.cebridge.store.DbKind;
import io.cebridge.store.InList;
import java.util.List;
import java.util.stream.Collectors;

/** PostgreSQL: INSERT ... ON CONFLICT (key) DO UPDATE. */
final class PostgresDialect implements ErpDialect {
    @Override
    public String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /**
     * The state store's look-up of many values ({@link InList#select}): one index probe per value, whatever the
     * table's statistics say (an ERP table an initial load fills has none before autovacuum's first analyze, and
     * {@code column = ANY} of 500 values was then a scan of the whole table once per batch).
     */
    @Override
    public String selectByArray(String selectList, String table, String column) {
        return InList.select(DbKind.POSTGRESQL, selectList, quote(table), quote(column), 0);
    }

    @Override
    public boolean upsertReturns() {
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
