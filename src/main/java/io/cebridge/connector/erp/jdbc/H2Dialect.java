package io.cebridge.connector.erp.jdbc;

import java.util.List;
import java.util.stream.Collectors;

/** H2: standard MERGE with a VALUES source. */
final class H2Dialect implements ErpDialect {
    /**
     * H2 hands back the named columns of every row a MERGE inserted or updated as its generated keys, for each row of
     * a batch: the numbers of new customers come with the write instead of from a look-up after it (5 % of the
     * delivery thread of an initial load into the reference ERP).
     */
    @Override
    public boolean upsertReturns() {
        return true;
    }

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
