package io.cebridge.error;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/** Classifies SQL and HTTP failures in one place (SQLState class / HTTP status), as the design's error policy says. */
public final class ErrorClassifier {
    private ErrorClassifier() {
    }

    public static ErrorKind classify(SQLException e) {
        // a pool reports a refused login as a transient "cannot get a connection" with the driver's error as cause
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("28")) {
                return ErrorKind.SYSTEM;
            }
        }
        for (SQLException s = e; s != null; s = s.getNextException()) {
            if (s instanceof SQLTransientException || s instanceof SQLRecoverableException) {
                return ErrorKind.RETRIABLE;
            }
            String state = s.getSQLState();
            if (state == null) {
                continue;
            }
            if (state.startsWith("08") // connection exceptions
                    || state.equals("40001") || state.equals("40P01") // serialization failure, deadlock
                    || state.startsWith("57P") // admin shutdown, crash shutdown, cannot connect now
                    || timedOut(state) // the database's state of the moment, not the record's fault
                    || state.startsWith("53")) { // insufficient resources
                return ErrorKind.RETRIABLE;
            }
            if (state.startsWith("28") || state.startsWith("3D") || state.equals("42P01") || state.equals("42S02")
                    || state.equals("42703") || state.equals("42S22") || state.equals("42501")) {
                return ErrorKind.SYSTEM; // credentials, missing database/table/column, permissions
            }
        }
        // MariaDB reports a few lost-connection cases without SQLState
        String msg = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        if (msg.contains("connection") && (msg.contains("closed") || msg.contains("reset") || msg.contains("refused"))) {
            return ErrorKind.RETRIABLE;
        }
        return ErrorKind.PERMANENT_RECORD;
    }

    public static ErrorKind classifyHttp(int status) {
        if (status == 408 || status == 429 || status >= 500) {
            return ErrorKind.RETRIABLE;
        }
        if (status == 401 || status == 403) {
            return ErrorKind.SYSTEM;
        }
        return ErrorKind.PERMANENT_RECORD;
    }

    /**
     * A statement cancelled (its query timeout, statement_timeout, a cancel request; HYT00/HYT01 timeouts; MariaDB's
     * 70100, query interrupted) or a lock not got in time (55P03: lock_timeout, NOWAIT).
     */
    public static boolean timedOut(String sqlState) {
        return sqlState != null && (sqlState.equals("57014") || sqlState.equals("55P03") || sqlState.equals("HYT00")
                || sqlState.equals("HYT01") || sqlState.equals("70100"));
    }
}
