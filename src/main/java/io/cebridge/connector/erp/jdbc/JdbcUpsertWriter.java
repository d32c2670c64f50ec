package io.cebridge.connector.erp.jdbc;

import io.cebridge.error.ErrorClassifier;
import io.cebridge.error.ErrorKind;
import io.cebridge.error.RetriableException;
import io.cebridge.error.SystemFailureException;
import io.cebridge.store.DbKind;
import io.cebridge.store.Pools;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Writes mapped rows into one ERP table with the database's own upsert, a batch per transaction. A batch the
 * database rejects is rolled back and unrolled row by row so only the poison rows fail; transient failures are
 * thrown as retriable, failures of the whole system (credentials, missing table) as system failures.
 */
public final class JdbcUpsertWriter {
    private static final int IN_CHUNK = 500;
    /**
     * The rows of an unrolled batch that may time out, none written, before the write is taken for the database's
     * trouble rather than theirs: each costs the database's statement or lock timeout.
     */
    private static final int HELD_UP_ALONE = 3;
    private final DataSource ds;
    private final DbKind kind;
    private final ErpDialect dialect;
    private final ErpTable table;
    private final String keyColumn;
    private final String stampColumn;
    private final List<ErpColumn> owned;
    /** The owned columns' names in lower case: each mapped row's keys are checked against them. */
    private final java.util.Set<String> ownedLower;

    /** {@code ownedColumns}: the columns this flow writes (the key among them), checked against the real table. */
    public JdbcUpsertWriter(DataSource ds, String table, String keyColumn, String stampColumn, List<String> ownedColumns) {
        this.ds = ds;
        try (Connection c = ds.getConnection()) {
            this.kind = DbKind.detect(c);
            this.dialect = ErpDialect.of(kind);
            this.table = ErpTable.describe(c, table);
        } catch (SQLException e) {
            throw asFailure("reading the description of ERP table " + table, e);
        }
        List<String> problems = new ArrayList<>();
        List<ErpColumn> cols = new ArrayList<>();
        for (String name : ownedColumns) {
            this.table.column(name).ifPresentOrElse(cols::add,
                    () -> problems.add("column '" + name + "' does not exist in ERP table " + this.table.name()));
        }
        this.table.column(keyColumn).orElseGet(() -> {
            problems.add("key column '" + keyColumn + "' does not exist in ERP table " + this.table.name());
            return null;
        });
        if (stampColumn != null) {
            this.table.column(stampColumn).orElseGet(() -> {
                problems.add("modification column '" + stampColumn + "' does not exist in ERP table " + this.table.name());
                return null;
            });
        }
        if (!problems.isEmpty()) {
            throw new SystemFailureException(String.join("; ", problems), null);
        }
        this.keyColumn = this.table.require(keyColumn).name();
        this.stampColumn = stampColumn == null ? null : this.table.require(stampColumn).name();
        this.owned = List.copyOf(cols);
        this.ownedLower = java.util.Set.copyOf(cols.stream().map(c -> c.name().toLowerCase(java.util.Locale.ROOT)).toList());
    }

    public ErpTable table() {
        return table;
    }

    /** The column rows are found by, as the table spells it. */
    public String keyColumn() {
        return keyColumn;
    }

    /** The columns this writer owns, as the table spells them. */
    public List<String> columns() {
        return owned.stream().map(ErpColumn::name).toList();
    }

    /** Every reason the row cannot be written as it is: unknown columns, too long, too precise, missing. */
    public List<String> check(Map<String, Object> row) {
        return check(row, null);
    }

    /** {@link #check(Map)}, leaving out {@code filledLater}: a column the writer sets itself (a line's order number). */
    public List<String> check(Map<String, Object> row, String filledLater) {
        List<String> problems = new ArrayList<>();
        for (String k : row.keySet()) {
            if (!ownedLower.contains(k.toLowerCase(java.util.Locale.ROOT))) {
                problems.add("the mapping produced '" + k + "', which is not one of the flow's ERP columns "
                        + owned.stream().map(ErpColumn::name).toList());
            }
        }
        for (ErpColumn col : owned) {
            if (col.name().equalsIgnoreCase(filledLater)) {
                continue;
            }
            String p = ColumnValues.problem(table, col, value(row, col));
            if (p != null) {
                problems.add(p);
            }
        }
        return problems;
    }

    /** Rows whose {@code column} is one of {@code values}, with the owned columns plus {@code extra} ones. */
    public List<Map<String, Object>> findBy(String column, Collection<?> values, List<String> extra) {
        return read(values, c -> findBy(c, column, values, extra));
    }

    /** {@link #findBy(String, Collection, List)} on the caller's connection (inside its transaction). */
    public List<Map<String, Object>> findBy(Connection c, String column, Collection<?> values, List<String> extra)
            throws SQLException {
        return select(c, column, values, columnNames(owned.stream().map(ErpColumn::name).toList(), extra));
    }

    /**
     * Rows whose {@code column} is one of {@code values}, with that column and {@code columns} only: e.g. the numbers
     * the ERP gave rows just created, without reading every owned column back.
     */
    public List<Map<String, Object>> findColumns(String column, Collection<?> values, List<String> columns) {
        return read(values, c -> findColumns(c, column, values, columns));
    }

    /** A look-up on a connection of the pool. */
    private interface Lookup {
        List<Map<String, Object>> on(Connection c) throws SQLException;
    }

    private List<Map<String, Object>> read(Collection<?> values, Lookup lookup) {
        if (values.isEmpty()) {
            return new ArrayList<>();
        }
        try (Connection c = ds.getConnection()) {
            return lookup.on(c);
        } catch (SQLException e) {
            throw asFailure("reading " + table.name(), e);
        }
    }

    /** {@link #findColumns(String, Collection, List)} on the caller's connection (inside its transaction). */
    public List<Map<String, Object>> findColumns(Connection c, String column, Collection<?> values, List<String> columns)
            throws SQLException {
        return select(c, column, values, columnNames(List.of(table.require(column).name()), columns));
    }

    /** {@code first} then the table's names of {@code more}, each once. */
    private List<String> columnNames(List<String> first, List<String> more) {
        List<String> read = new ArrayList<>(first);
        more.forEach(e -> {
            String n = table.require(e).name();
            if (!read.contains(n)) {
                read.add(n);
            }
        });
        return read;
    }

    private List<Map<String, Object>> select(Connection c, String column, Collection<?> values, List<String> read)
            throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        if (values.isEmpty()) {
            return out;
        }
        String select = String.join(", ", read.stream().map(dialect::quote).toList());
        ErpColumn where = table.require(column);
        // CHAR compares padded: an array of text would not use its index
        String byArray = where.isText() && !where.isChar()
                ? dialect.selectByArray(select, table.name(), where.name()) : null;
        // each value once
        List<?> all = byArray == null ? List.copyOf(values) : List.copyOf(new java.util.LinkedHashSet<>(values));
        String setting = byArray == null ? null : dialect.arrayLookupSetting();
        if (setting == null) {
            readRows(c, select, where, byArray, all, read, out);
            return out;
        }
        boolean own = c.getAutoCommit(); // SET LOCAL lasts for a transaction: the look-up's own, or the caller's
        if (own) {
            c.setAutoCommit(false);
        }
        try {
            try (Statement st = c.createStatement()) {
                st.execute("SET LOCAL " + setting + " = off");
            }
            readRows(c, select, where, byArray, all, read, out);
            if (own) {
                c.commit();
            } else {
                try (Statement st = c.createStatement()) {
                    st.execute("SET LOCAL " + setting + " = DEFAULT"); // the caller's next statements plan as before
                }
            }
        } catch (SQLException | RuntimeException e) {
            if (own) {
                rollbackQuietly(c);
            }
            throw e;
        } finally {
            if (own) {
                c.setAutoCommit(true);
            }
        }
        return out;
    }

    private void readRows(Connection c, String select, ErpColumn where, String byArray, List<?> all, List<String> read,
                          List<Map<String, Object>> out) throws SQLException {
        for (int from = 0; from < all.size(); from += IN_CHUNK) {
            List<?> chunk = all.subList(from, Math.min(all.size(), from + IN_CHUNK));
            String sql = byArray != null ? byArray : "SELECT " + select + " FROM " + dialect.quote(table.name())
                    + " WHERE " + dialect.quote(where.name()) + " IN (" + "?,".repeat(chunk.size() - 1) + "?)";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (byArray != null) {
                    ps.setArray(1, c.createArrayOf("text", chunk.stream().filter(java.util.Objects::nonNull)
                            .map(String::valueOf).toArray()));
                } else {
                    for (int i = 0; i < chunk.size(); i++) {
                        ColumnValues.bind(ps, i + 1, where, chunk.get(i));
                    }
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        for (int i = 0; i < read.size(); i++) {
                            row.put(read.get(i).toLowerCase(java.util.Locale.ROOT), rs.getObject(i + 1));
                        }
                        out.add(row);
                    }
                }
            }
        }
    }

    /** True when every owned column of {@code stored} equals {@code incoming}: writing it would change nothing. */
    public boolean sameContent(Map<String, Object> stored, Map<String, Object> incoming) {
        for (ErpColumn col : owned) {
            if (!ColumnValues.same(col, stored.get(col.name().toLowerCase(java.util.Locale.ROOT)), value(incoming, col))) {
                return false;
            }
        }
        return true;
    }

    /** Sets {@code column} on the row identified by {@code idColumn} only where it is still NULL; true if it was set. */
    public boolean claim(String idColumn, Object id, String column, Object value) {
        ErpColumn idc = table.require(idColumn);
        ErpColumn col = table.require(column);
        String sql = "UPDATE " + dialect.quote(table.name()) + " SET " + dialect.quote(col.name()) + " = ? WHERE "
                + dialect.quote(idc.name()) + " = ? AND " + dialect.quote(col.name()) + " IS NULL";
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ColumnValues.bind(ps, 1, col, value);
            ColumnValues.bind(ps, 2, idc, id);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            ErrorKind k = ErrorClassifier.classify(e);
            if (k == ErrorKind.PERMANENT_RECORD) {
                return false; // e.g. the key is already used by another row: the caller links instead
            }
            throw asFailure("claiming a row of " + table.name(), e);
        }
    }

    /** Deletes the rows whose {@code column} is one of {@code values}, in one transaction. */
    public void delete(String column, Collection<?> values) {
        if (values.isEmpty()) {
            return;
        }
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            delete(c, column, values);
            c.commit();
        } catch (SQLException e) {
            throw asFailure("deleting from " + table.name(), e);
        }
    }

    /** {@link #delete(String, Collection)} on the caller's connection; the caller commits. */
    public void delete(Connection c, String column, Collection<?> values) throws SQLException {
        ErpColumn where = table.require(column);
        List<?> all = List.copyOf(values);
        for (int from = 0; from < all.size(); from += IN_CHUNK) {
            List<?> chunk = all.subList(from, Math.min(all.size(), from + IN_CHUNK));
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + dialect.quote(table.name()) + " WHERE "
                    + dialect.quote(where.name()) + " IN (" + "?,".repeat(chunk.size() - 1) + "?)")) {
                for (int i = 0; i < chunk.size(); i++) {
                    ColumnValues.bind(ps, i + 1, where, chunk.get(i));
                }
                ps.executeUpdate();
            }
        }
    }

    /** Upserts the rows on the caller's connection, as one batch; the caller commits or rolls back. */
    public void upsert(Connection c, List<Map<String, Object>> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        if (stampColumn == null) {
            throw new IllegalStateException(table.name() + " is opened for reading only (no modification column)");
        }
        String sql = dialect.upsert(table.name(), owned.stream().map(ErpColumn::name).toList(), keyColumn, stampColumn);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (Map<String, Object> row : rows) {
                bindRow(ps, row);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** A connection of the ERP pool, for writes that span tables in one transaction. */
    public Connection connection() throws SQLException {
        return ds.getConnection();
    }

    /** Upserts the rows in one transaction; returns the rows the database rejected on their own (empty if none). */
    public List<UpsertFailure> upsert(List<Map<String, Object>> rows) {
        return upsert(rows, null).failures();
    }

    /**
     * The rows the database rejected on their own, and, where the database hands back what it wrote (PostgreSQL's
     * RETURNING), the value of {@code returned} per key of each row written: the ERP's numbers of new rows come back
     * with the write instead of from another look-up. {@code returnedByKey} is null where it does not.
     */
    public record Upserted(List<UpsertFailure> failures, Map<String, Object> returnedByKey) {
    }

    /** {@link #upsert(List)}, also reading back {@code returned} (null: nothing) where the database can. */
    public Upserted upsert(List<Map<String, Object>> rows, String returned) {
        return upsert(rows, returned, null);
    }

    /**
     * {@link #upsert(List, String)} that must have ended by {@code deadline} (null: no limit): each statement gets the
     * time left as its query timeout, and a write with less than a second left is not begun. Either way the write is
     * rolled back and thrown as retriable (a create claim's lease lapses at the deadline: a later commit could
     * duplicate what another delivery, taking the claim over, creates meanwhile).
     */
    public Upserted upsert(List<Map<String, Object>> rows, String returned, Instant deadline) {
        if (rows.isEmpty()) {
            return new Upserted(List.of(), returned == null || !dialect.upsertReturns() ? null : new HashMap<>());
        }
        if (stampColumn == null) {
            throw new IllegalStateException(table.name() + " is opened for reading only (no modification column)");
        }
        String sql = dialect.upsert(table.name(), owned.stream().map(ErpColumn::name).toList(), keyColumn, stampColumn);
        String[] back = returned == null || !dialect.upsertReturns() ? null
                : new String[] {table.require(keyColumn).name(), table.require(returned).name()};
        Map<String, Object> returnedByKey = back == null ? null : new HashMap<>();
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = back == null ? c.prepareStatement(sql) : c.prepareStatement(sql, back)) {
                limit(ps, deadline, rows.size());
                Pools.planOnce(c, kind); // the pool plans each statement for its values; the batch's rows need one
                for (Map<String, Object> row : rows) {
                    bindRow(ps, row);
                    ps.addBatch();
                }
                ps.executeBatch();
                readBack(ps, returnedByKey);
                c.commit();
                return new Upserted(List.of(), returnedByKey);
            } catch (SQLException e) {
                rollbackQuietly(c);
                if (returnedByKey != null) {
                    returnedByKey.clear(); // rolled back: the unrolled rows say again what they wrote
                }
                if (cancelledAtDeadline(e, deadline)) {
                    throw new RetriableException("writing " + rows.size() + " rows to " + table.name() + " cancelled"
                            + " (SQLState 57014): not ended before the batch's create claims lapse"
                            + " (bridge.delivery.create-claim-lease); written on redelivery", e);
                }
                boolean unrollHeldUp = heldUp(e, deadline) && rows.size() > 1;
                if (ErrorClassifier.classify(e) != ErrorKind.PERMANENT_RECORD && !unrollHeldUp) {
                    throw asFailure("writing " + rows.size() + " rows to " + table.name(), e);
                }
                // a row refused, or a write that did not end: row by row, the refused and the held-up rows are told
                // apart from the rest (a row that times out every time would otherwise hold its batch for ever)
            } catch (AssertionError e) {
                // the PostgreSQL driver asserts its connection is alive mid-batch; with assertions on, a session
                // terminated at that moment surfaces here instead of as an SQLException: it is the same lost connection
                rollbackQuietly(c);
                throw new io.cebridge.error.RetriableException("writing " + rows.size() + " rows to " + table.name()
                        + " failed: the connection broke (" + e.getMessage() + ")", e);
            }
            return new Upserted(unroll(c, sql, back, rows, returnedByKey, deadline), returnedByKey);
        } catch (SQLException e) {
            throw asFailure("writing to " + table.name(), e);
        }
    }

    /** The (key, returned) pairs the statement handed back, by key. */
    private static void readBack(PreparedStatement ps, Map<String, Object> returnedByKey) throws SQLException {
        if (returnedByKey == null) {
            return;
        }
        try (ResultSet rs = ps.getGeneratedKeys()) {
            while (rs.next()) {
                returnedByKey.put(String.valueOf(rs.getObject(1)), rs.getObject(2));
            }
        }
    }

    private List<UpsertFailure> unroll(Connection c, String sql, String[] back, List<Map<String, Object>> rows,
                                       Map<String, Object> returnedByKey, Instant deadline) throws SQLException {
        List<UpsertFailure> failures = new ArrayList<>();
        List<UpsertFailure> heldUpRows = new ArrayList<>();
        int written = 0;
        try (PreparedStatement ps = back == null ? c.prepareStatement(sql) : c.prepareStatement(sql, back)) {
            for (int i = 0; i < rows.size(); i++) {
                limit(ps, deadline, rows.size() - i); // the rows committed so far stay: a redelivery finds them written
                try {
                    bindRow(ps, rows.get(i));
                    ps.executeUpdate();
                    readBack(ps, returnedByKey);
                    c.commit();
                    written++;
                } catch (SQLException e) {
                    rollbackQuietly(c);
                    if (heldUp(e, deadline)) {
                        heldUpRows.add(new UpsertFailure(i, e.getSQLState(), e.getMessage(), true));
                        if (written == 0 && heldUpRows.size() == HELD_UP_ALONE) {
                            throw asFailure("writing rows to " + table.name() + " (the batch's first " + HELD_UP_ALONE
                                    + " rows did not end, none did: the database, not a row)", e);
                        }
                        continue;
                    }
                    if (ErrorClassifier.classify(e) != ErrorKind.PERMANENT_RECORD) {
                        throw asFailure("writing a row to " + table.name(), e);
                    }
                    failures.add(new UpsertFailure(i, e.getSQLState(), e.getMessage()));
                }
            }
        }
        if (!heldUpRows.isEmpty()) {
            if (written == 0) { // nothing ended: the database is slow or locked for every row, not held up by these
                UpsertFailure first = heldUpRows.get(0);
                throw new RetriableException("writing " + rows.size() + " rows to " + table.name() + " failed: no row"
                        + " ended: SQLState " + first.sqlState() + ": "
                        + io.cebridge.error.Redactor.forLog(first.reason()), null);
            }
            failures.addAll(heldUpRows);
            failures.sort(java.util.Comparator.comparingInt(UpsertFailure::index));
        }
        return failures;
    }

    /** A cancel or lock timeout that is not the batch's own deadline (which the create claims' lease set). */
    private static boolean heldUp(SQLException e, Instant deadline) {
        return ErrorClassifier.timedOut(e.getSQLState()) && !cancelledAtDeadline(e, deadline);
    }

    /** The statement was cancelled at the query timeout the batch's deadline gave it. */
    private static boolean cancelledAtDeadline(SQLException e, Instant deadline) {
        return deadline != null && "57014".equals(e.getSQLState());
    }

    private void bindRow(PreparedStatement ps, Map<String, Object> row) throws SQLException {
        for (int i = 0; i < owned.size(); i++) {
            ColumnValues.bind(ps, i + 1, owned.get(i), value(row, owned.get(i)));
        }
    }

    private static Object value(Map<String, Object> row, ErpColumn col) {
        return valueOf(row, col.name());
    }

    /** A row's value of a column, whatever case the mapping spelt the column in (the database's may differ). */
    public static Object valueOf(Map<String, Object> row, String column) {
        Object v = row.get(column);
        if (v == null) {
            for (Map.Entry<String, Object> e : row.entrySet()) {
                if (e.getKey().equalsIgnoreCase(column) && e.getValue() != null) {
                    return e.getValue();
                }
            }
        }
        return v;
    }

    /** Gives {@code ps} the seconds left until {@code deadline} (null: none), or refuses a write that has under one. */
    private void limit(PreparedStatement ps, Instant deadline, int rows) throws SQLException {
        if (deadline == null) {
            return;
        }
        long seconds = Duration.between(Instant.now(), deadline).toSeconds();
        if (seconds < 1) {
            throw new RetriableException("writing " + rows + " rows to " + table.name() + " not begun: the batch's create"
                    + " claims lapse before it could end (bridge.delivery.create-claim-lease); written on redelivery", null);
        }
        ps.setQueryTimeout((int) Math.min(Integer.MAX_VALUE, seconds));
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the pool discards it
        }
    }

    /** The failure an SQL error means: retriable, a system failure, or (for this row only) permanent. */
    public static RuntimeException asFailure(String what, SQLException e) {
        ErrorKind k = ErrorClassifier.classify(e);
        String msg = what + " failed: SQLState " + e.getSQLState() + ": " + io.cebridge.error.Redactor.forLog(e.getMessage());
        if (k == ErrorKind.RETRIABLE) {
            return new RetriableException(msg, e);
        }
        if (k == ErrorKind.SYSTEM) {
            return new SystemFailureException(msg, e);
        }
        return new IllegalStateException(msg, e);
    }
}
