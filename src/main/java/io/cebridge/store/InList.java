package io.cebridge.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * A look-up of many values of one text column: an IN list of one parameter per value, or on PostgreSQL one bound
 * array ({@code column = ANY (?)}): PostgreSQL plans an IN list of 500 parameters on every execution (the matcher's
 * look-ups of a batch cost its backend more than the batch's upsert), a statement with one array once.
 */
final class InList {
    private InList() {
    }

    /** The condition for {@code n} values of {@code column}. */
    static String of(DbKind kind, String column, int n) {
        return kind == DbKind.POSTGRESQL ? column + " = ANY (?)" : column + " IN (" + "?,".repeat(n - 1) + "?)";
    }

    /**
     * The whole look-up of the rows whose {@code column} is one of {@code n} values, with no other condition. On
     * PostgreSQL one index probe per value of one bound array, whatever the table's statistics say: with none yet (a
     * table an initial load fills, such as the cross-reference, before autovacuum's first analyze) it plans {@code = ANY}
     * of 500 values on a column with a non-unique index as a scan of the whole table; the lateral subquery behind
     * {@code OFFSET 0} is not flattened into a join and reads the index. Identifiers are used as given (quote them
     * where they need it). Bind with {@link #bind}.
     */
    static String select(DbKind kind, String selectList, String table, String column, int n) {
        return select(kind, selectList, table, column, n, null);
    }

    /**
     * {@link #select(DbKind, String, String, String, int)} of the rows that also meet {@code also} (null: none), whose
     * parameters are bound after the values.
     */
    static String select(DbKind kind, String selectList, String table, String column, int n, String also) {
        String and = also == null ? "" : " AND " + also;
        if (kind == DbKind.POSTGRESQL) {
            return "SELECT x.* FROM unnest(?::text[]) AS u(v) CROSS JOIN LATERAL (SELECT " + selectList + " FROM "
                    + table + " WHERE " + column + " = u.v" + and + " OFFSET 0) AS x";
        }
        return "SELECT " + selectList + " FROM " + table + " WHERE " + of(kind, column, n) + and;
    }

    /** Binds the values of {@link #of} or {@link #select} from parameter {@code index}; returns the next one's index. */
    static int bind(DbKind kind, PreparedStatement ps, int index, List<String> values) throws SQLException {
        if (kind == DbKind.POSTGRESQL) {
            ps.setArray(index, ps.getConnection().createArrayOf("text", values.toArray()));
            return index + 1;
        }
        for (int i = 0; i < values.size(); i++) {
            ps.setString(index + i, values.get(i));
        }
        return index + values.size();
    }
}
