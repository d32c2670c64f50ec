package io.cebridge.connector.erp.jdbc;

import io.cebridge.error.ErrorClassifier;
import io.cebridge.error.ErrorKind;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes one document (a header row and its line rows, e.g. a sales order) in one ERP transaction, so the ERP never
 * holds a header without its lines or half of a change. The header is found by its key column (the CRM id), its ERP
 * number is assigned by the ERP on insert; each line is found by its own key column and carries the header's
 * number in its parent column. Lines the document no longer lists are deleted (lines without a key, added in the ERP
 * by hand, are left alone). A header whose lock column holds a value outside the editable ones is not changed;
 * the lock column is the ERP's: a record sets it when the document is created, and changes it afterwards only to a
 * value outside the editable ones (e.g. CANCELLED), never back.
 */
public final class JdbcDocumentWriter {
    public enum Kind { CREATED, UPDATED, UNCHANGED, LOCKED, NOT_CREATED, REJECTED, CHECK_FAILED }

    /** What happened to one document; {@code number} is the ERP's number of the header (null if none). */
    public record Result(Kind kind, String number, String reason, Map<String, Object> before) {
    }

    /** Which header value may only change an existing document, never create one (e.g. status CANCELLED). */
    public record NeverCreate(String column, Set<String> values) {
    }

    /**
     * A rule of the ERP that spans documents (e.g. no more returned of an order line than was invoiced), kept inside
     * the write transaction: {@code lock} (or null) runs first and locks what the document depends on, so documents
     * that touch the same rows are checked one after the other, also across instances; {@code check} (or null) runs
     * after the document is written, and any row it finds rolls the document back (CHECK_FAILED, naming the rows).
     * Both take the header row's values and {@code :number}, the ERP's number of the document, as parameters.
     */
    public record Guard(ErpQuery lock, ErpQuery check) {
    }

    /** The check found rows: the transaction is rolled back and the document refused with them. */
    private static final class CheckFailed extends Exception {
        CheckFailed(String reason) {
            super(reason, null, false, false);
        }
    }

    private final JdbcUpsertWriter header;
    private final JdbcUpsertWriter lines;
    private final String number;
    private final String lineParent;
    private final String lockColumn;
    private final Set<String> editable;
    private final NeverCreate neverCreate;
    private final Guard guard;

    /**
     * {@code header} keyed by the CRM id, {@code lines} keyed by the line's CRM id; {@code lineParent}: the line
     * column holding the header's {@code number}; {@code lockColumn} (or null) and the values in which the
     * document may still change.
     */
    public JdbcDocumentWriter(JdbcUpsertWriter header, String number, JdbcUpsertWriter lines, String lineParent,
                              String lockColumn, Set<String> editable, NeverCreate neverCreate) {
        this(header, number, lines, lineParent, lockColumn, editable, neverCreate, null);
    }

    /** As above, with a {@link Guard} (or null) kept in every write's transaction. */
    public JdbcDocumentWriter(JdbcUpsertWriter header, String number, JdbcUpsertWriter lines, String lineParent,
                              String lockColumn, Set<String> editable, NeverCreate neverCreate, Guard guard) {
        this.header = header;
        this.lines = lines;
        this.number = header.table().require(number).name().toLowerCase(java.util.Locale.ROOT);
        this.lineParent = lines.table().require(lineParent).name().toLowerCase(java.util.Locale.ROOT);
        this.lockColumn = lockColumn == null ? null : header.table().require(lockColumn).name().toLowerCase(java.util.Locale.ROOT);
        this.editable = Set.copyOf(editable);
        this.neverCreate = neverCreate;
        this.guard = guard;
        if (!lines.columns().stream().anyMatch(c -> c.equalsIgnoreCase(lineParent))) {
            throw new IllegalArgumentException("the line columns must include " + lineParent);
        }
    }

    public JdbcUpsertWriter header() {
        return header;
    }

    public JdbcUpsertWriter lines() {
        return lines;
    }

    public String lineParent() {
        return lineParent;
    }

    /**
     * Creates, updates or leaves the document as it is, in one transaction. A row the ERP refuses (a constraint)
     * rolls the whole document back and comes back as REJECTED with the database's reason; a lost connection or a
     * deadlock is thrown as retriable, a missing table or permission as a system failure.
     */
    public Result write(Map<String, Object> headerRow, List<Map<String, Object>> lineRows) {
        Object id = JdbcUpsertWriter.valueOf(headerRow, header.keyColumn());
        if (id == null) {
            throw new IllegalArgumentException("the document has no " + header.keyColumn());
        }
        try (Connection c = header.connection()) {
            c.setAutoCommit(false);
            try {
                if (guard != null && guard.lock() != null) {
                    guard.lock().run(c, guardParameters(headerRow, null)); // first: no read of this transaction before it
                }
                Result r = write(c, id, headerRow, lineRows);
                if ((r.kind() == Kind.CREATED || r.kind() == Kind.UPDATED) && guard != null && guard.check() != null) {
                    check(c, headerRow, r.number());
                }
                c.commit();
                return r;
            } catch (CheckFailed e) {
                rollbackQuietly(c);
                return new Result(Kind.CHECK_FAILED, null, e.getMessage(), null);
            } catch (SQLException e) {
                rollbackQuietly(c);
                if (ErrorClassifier.classify(e) != ErrorKind.PERMANENT_RECORD) {
                    throw JdbcUpsertWriter.asFailure("writing document " + id + " to " + header.table().name(), e);
                }
                return new Result(Kind.REJECTED, null, "SQLState " + e.getSQLState() + ": " + e.getMessage(), null);
            } catch (RuntimeException | Error e) {
                rollbackQuietly(c);
                throw e;
            }
        } catch (SQLException e) {
            throw JdbcUpsertWriter.asFailure("writing to " + header.table().name(), e);
        }
    }

    private Result write(Connection c, Object id, Map<String, Object> headerRow, List<Map<String, Object>> lineRows)
            throws SQLException {
        String key = header.keyColumn();
        List<String> extra = lockColumn == null ? List.of(number) : List.of(number, lockColumn);
        List<Map<String, Object>> found = header.findBy(c, key, List.of(id), extra);
        if (found.isEmpty()) {
            Object never = neverCreate == null ? null : JdbcUpsertWriter.valueOf(headerRow, neverCreate.column());
            if (never != null && neverCreate.values().contains(String.valueOf(never))) {
                return new Result(Kind.NOT_CREATED, null, "no " + header.table().name() + " for " + id + " to set to "
                        + never, null);
            }
            header.upsert(c, List.of(headerRow));
            List<Map<String, Object>> made = header.findColumns(c, key, List.of(id), List.of(number));
            String no = String.valueOf(made.get(0).get(number));
            lines.upsert(c, withParent(lineRows, no));
            return new Result(Kind.CREATED, no, null, null);
        }
        Map<String, Object> stored = found.get(0);
        String no = String.valueOf(stored.get(number));
        if (lockColumn != null && editable.contains(String.valueOf(JdbcUpsertWriter.valueOf(headerRow, lockColumn)))) {
            // an editable value is what a new document starts with, not a change: the ERP's own state stays
            headerRow = new LinkedHashMap<>(headerRow);
            headerRow.keySet().removeIf(k -> k.equalsIgnoreCase(lockColumn));
            headerRow.put(lockColumn, stored.get(lockColumn));
        }
        List<Map<String, Object>> incoming = withParent(lineRows, no);
        String lineKey = lines.keyColumn().toLowerCase(java.util.Locale.ROOT);
        Map<String, Map<String, Object>> storedLines = new HashMap<>();
        for (Map<String, Object> l : lines.findBy(c, lineParent, List.of(no), List.of())) {
            if (l.get(lineKey) != null) { // lines added in the ERP by hand have no CRM key and stay as they are
                storedLines.put(String.valueOf(l.get(lineKey)), l);
            }
        }
        List<Map<String, Object>> changedLines = new ArrayList<>();
        Map<String, Map<String, Object>> kept = new HashMap<>();
        for (Map<String, Object> l : incoming) {
            String k = String.valueOf(JdbcUpsertWriter.valueOf(l, lines.keyColumn()));
            Map<String, Object> old = storedLines.get(k);
            kept.put(k, l);
            if (old == null || !lines.sameContent(old, l)) {
                changedLines.add(l);
            }
        }
        List<Object> removed = new ArrayList<>();
        storedLines.forEach((k, l) -> {
            if (!kept.containsKey(k)) {
                removed.add(l.get(lineKey));
            }
        });
        boolean headerSame = header.sameContent(stored, headerRow);
        Map<String, Object> before = new LinkedHashMap<>(stored);
        before.put("lines", new ArrayList<>(storedLines.values()));
        if (headerSame && changedLines.isEmpty() && removed.isEmpty()) {
            return new Result(Kind.UNCHANGED, no, null, before);
        }
        if (lockColumn != null && !editable.contains(String.valueOf(stored.get(lockColumn)))) {
            return new Result(Kind.LOCKED, no, header.table().name() + " " + no + " is " + stored.get(lockColumn)
                    + " in the ERP; it is changed only while " + lockColumn + " is " + String.join(" or ", editable.stream()
                    .sorted().toList()), before);
        }
        if (!headerSame) {
            header.upsert(c, List.of(headerRow));
        }
        // removed lines go first: a line that replaces one may take its line number
        lines.delete(c, lines.keyColumn(), removed);
        lines.upsert(c, changedLines);
        return new Result(Kind.UPDATED, no, null, before);
    }

    private void check(Connection c, Map<String, Object> headerRow, String no) throws SQLException, CheckFailed {
        List<Map<String, Object>> found = guard.check().run(c, guardParameters(headerRow, no));
        if (!found.isEmpty()) {
            List<String> rows = new ArrayList<>();
            for (Map<String, Object> row : found) {
                List<String> values = new ArrayList<>();
                row.forEach((k, v) -> values.add(k + " " + v));
                rows.add(String.join(", ", values));
            }
            throw new CheckFailed("rolled back: after writing it, " + guard.check().file() + " finds "
                    + String.join("; ", rows));
        }
    }

    private static Map<String, Object> guardParameters(Map<String, Object> headerRow, String no) {
        Map<String, Object> p = new HashMap<>(headerRow);
        p.put("number", no);
        return p;
    }

    private List<Map<String, Object>> withParent(List<Map<String, Object>> rows, String no) {
        List<Map<String, Object>> out = new ArrayList<>(rows.size());
        for (Map<String, Object> r : rows) {
            Map<String, Object> copy = new LinkedHashMap<>(r);
            copy.keySet().removeIf(k -> k.equalsIgnoreCase(lineParent));
            copy.put(lineParent, no);
            out.add(copy);
        }
        return out;
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the pool discards it
        }
    }
}
