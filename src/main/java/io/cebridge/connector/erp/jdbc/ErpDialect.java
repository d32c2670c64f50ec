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
     * True where {@link #upsert}, prepared with column names, hands back those columns of every row it wrote
     * (PostgreSQL's RETURNING, H2's generated keys of MERGE; inserted and updated rows alike).
     */
    default boolean upsertReturns() {
        return false;
    }

    /**
     * A look-up of the rows whose text {@code column} holds one of the values of one bound array (the select list as
     * given, in its order), or null where the database takes an IN list of one parameter per value instead.
     */
    default String selectByArray(String selectList, String table, String column) {
        return null;
    }

    /**
     * A planner setting switched off (SET LOCAL, in the look-up's own transaction or for the look-up only inside the
     * caller's) while {@link #selectByArray} runs, or null for none.
     */
    default String arrayLookupSetting() {
        return null;
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
