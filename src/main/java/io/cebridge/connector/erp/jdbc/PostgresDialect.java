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
     * One index scan for all the values of one bound array. The table an initial load fills has no statistics before
     * autovacuum's first analyze, and then {@code = ANY} of 500 values on a non-unique index (the USCC's) is planned as
     * a scan of the whole table: {@link #arrayLookupSetting()} rules that plan out for the look-up's statement. (The
     * state store's form, a lateral probe per value, cost PostgreSQL 4 to 12 times as much for 500 USCCs and about the
     * same for 500 CRM ids: docs/performance.md, "Rounds".)
     */
    @Override
    public String selectByArray(String selectList, String table, String column) {
        return "SELECT " + selectList + " FROM " + quote(table) + " WHERE " + quote(column) + " = ANY (?::text[])";
    }

    @Override
    public String arrayLookupSetting() {
        return "enable_seqscan";
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
