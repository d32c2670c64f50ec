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
        String marks = all.stream().map(c -> "?").collect(Collectors.joining(", "));
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
}
