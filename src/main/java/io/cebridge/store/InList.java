package io.cebridge.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * A look-up of many values of one text column: an IN list of one parameter per value, or on PostgreSQL one bound
 * array ({@code column = ANY (?)}). PostgreSQL plans an IN list of 500 parameters on every execution, and a generic
 * plan of it may scan the table; an array is planned once and read through the column's index.
 */
final class InList {
    private InList() {
    }

    /** The condition for {@code n} values of {@code column}. */
    static String of(DbKind kind, String column, int n) {
        return kind == DbKind.POSTGRESQL ? column + " = ANY (?)" : column + " IN (" + "?,".repeat(n - 1) + "?)";
    }

    /** Binds the values of {@link #of} from parameter {@code index}; returns the next parameter's index. */
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
