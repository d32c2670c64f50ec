package io.cebridge.connector.erp.jdbc;

import java.util.List;
import java.util.stream.Collectors;

/** MariaDB / MySQL: INSERT ... ON DUPLICATE KEY UPDATE (the key column carries a unique index). */
final class MariaDbDialect implements ErpDialect {
    @Override
    public String quote(String identifier) {
        return '`' + identifier.replace("`", "``") + '`';
    }

    @Override
    public String upsert(String table, List<String> columns, String keyColumn, String stampColumn) {
        String cols = columns.stream().map(this::quote).collect(Collectors.joining(", "));
        String marks = columns.stream().map(c -> "?").collect(Collectors.joining(", "));
        String set = columns.stream().filter(c -> !c.equals(keyColumn)).map(c -> quote(c) + " = VALUES(" + quote(c) + ")")
                .collect(Collectors.joining(", "));
        return "INSERT INTO " + quote(table) + " (" + cols + ", " + quote(stampColumn) + ") VALUES (" + marks
                + ", CURRENT_TIMESTAMP(3)) ON DUPLICATE KEY UPDATE " + set + ", " + quote(stampColumn) + " = VALUES("
                + quote(stampColumn) + ")";
    }
}
