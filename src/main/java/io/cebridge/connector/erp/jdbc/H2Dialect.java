package io.cebridge.connector.erp.jdbc;

import java.util.List;
import java.util.stream.Collectors;

/** H2: standard MERGE with a VALUES source. */
final class H2Dialect implements ErpDialect {
    @Override
    public String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    @Override
    public String upsert(String table, List<String> columns, String keyColumn, String stampColumn) {
        String src = columns.stream().map(this::quote).collect(Collectors.joining(", "));
        String marks = columns.stream().map(c -> "?").collect(Collectors.joining(", "));
        String set = columns.stream().filter(c -> !c.equals(keyColumn)).map(c -> quote(c) + " = s." + quote(c))
                .collect(Collectors.joining(", "));
        String insertCols = src + ", " + quote(stampColumn);
        String insertVals = columns.stream().map(c -> "s." + quote(c)).collect(Collectors.joining(", "))
                + ", CURRENT_TIMESTAMP";
        return "MERGE INTO " + quote(table) + " t USING (VALUES (" + marks + ")) s(" + src + ") ON t." + quote(keyColumn)
                + " = s." + quote(keyColumn) + " WHEN MATCHED THEN UPDATE SET " + set + ", " + quote(stampColumn)
                + " = CURRENT_TIMESTAMP WHEN NOT MATCHED THEN INSERT (" + insertCols + ") VALUES (" + insertVals + ")";
    }
}
