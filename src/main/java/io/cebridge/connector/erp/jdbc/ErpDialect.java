package io.cebridge.connector.erp.jdbc;

import io.cebridge.store.DbKind;
import java.util.List;

/** SQL that differs per database; identifiers are always quoted, values always bound. */
public interface ErpDialect {

    String quote(String identifier);

    /**
     * Insert-or-update keyed on {@code keyColumn}: binds {@code columns} in order (the key among them) and sets
     * {@code stampColumn} to the current time on both paths; other columns keep their defaults on insert.
     */
    String upsert(String table, List<String> columns, String keyColumn, String stampColumn);

    /**
     * Whether a look-up by a text column binds its values as one array ({@code column = ANY (?)}) instead of an IN
     * list of one parameter per value: PostgreSQL plans an IN list of 500 parameters for each execution (and a
     * generic plan of it may scan the table), an array once, through the column's index.
     */
    default boolean textArrays() {
        return false;
    }

    static ErpDialect of(DbKind kind) {
        switch (kind) {
            case H2:
                return new H2Dialect();
            case POSTGRESQL:
                return new PostgresDialect();
            default:
                return new MariaDbDialect();
        }
    }
}
