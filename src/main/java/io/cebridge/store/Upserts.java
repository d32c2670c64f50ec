package io.cebridge.store;

import java.util.List;
import java.util.stream.Collectors;

/** Dialect-specific upsert statements for the store's own tables (identifiers are fixed, values bound). */
final class Upserts {
    private Upserts() {
    }

    static String upsert(DbKind kind, String table, List<String> keys, List<String> values) {
        List<String> all = new java.util.ArrayList<>(keys);
        all.addAll(values);
        String cols = String.join(", ", all);
        String marks = marks(all.size());
        switch (kind) {
            case H2:
                return "MERGE INTO " + table + " (" + cols + ") KEY (" + String.join(", ", keys) + ") VALUES (" + marks + ")";
            case POSTGRESQL:
                return "INSERT INTO " + table + " (" + cols + ") VALUES (" + marks + ") ON CONFLICT ("
                        + String.join(", ", keys) + ") DO UPDATE SET "
                        + values.stream().map(c -> c + " = EXCLUDED." + c).collect(Collectors.joining(", "));
            default:
                return "INSERT INTO " + table + " (" + cols + ") VALUES (" + marks + ") ON DUPLICATE KEY UPDATE "
                        + values.stream().map(c -> c + " = VALUES(" + c + ")").collect(Collectors.joining(", "));
        }
    }

    /**
     * Inserts a row unless one with the same keys exists, which stays as it is; never fails on that row (a failed
     * INSERT would abort a PostgreSQL transaction). The columns are bound in the order keys, then values.
     */
    static String insertIfAbsent(DbKind kind, String table, List<String> keys, List<String> values) {
        List<String> all = new java.util.ArrayList<>(keys);
        all.addAll(values);
        String cols = String.join(", ", all);
        String marks = marks(all.size());
        switch (kind) {
            case H2:
                return "MERGE INTO " + table + " t USING (VALUES (" + marks + ")) n (" + cols + ") ON "
                        + keys.stream().map(k -> "t." + k + " = n." + k).collect(Collectors.joining(" AND "))
                        + " WHEN NOT MATCHED THEN INSERT (" + cols + ") VALUES ("
                        + all.stream().map(c -> "n." + c).collect(Collectors.joining(", ")) + ")";
            case POSTGRESQL:
                return "INSERT INTO " + table + " (" + cols + ") VALUES (" + marks + ") ON CONFLICT ("
                        + String.join(", ", keys) + ") DO NOTHING";
            default: // not INSERT IGNORE: it would also turn a too long value into a warning and a truncated row
                return "INSERT INTO " + table + " (" + cols + ") VALUES (" + marks + ") ON DUPLICATE KEY UPDATE "
                        + keys.get(0) + " = " + keys.get(0);
        }
    }

    /** One bind marker per column: "?, ?, ?". */
    private static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }
}
