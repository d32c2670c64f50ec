package io.cebridge.connector.erp.jdbc;

/**
 * A row the database refused on its own, after the batch was unrolled; {@code reason} is the driver's text.
 * {@code timedOut}: not refused but never finished (its statement cancelled or its lock not got in time) while other
 * rows of its batch were written, so the row itself holds the write up (a lock kept on it, a trigger that hangs on it).
 */
public record UpsertFailure(int index, String sqlState, String reason, boolean timedOut) {
    public UpsertFailure(int index, String sqlState, String reason) {
        this(index, sqlState, reason, false);
    }

    /**
     * What happened to {@code row} ("the row", "row 0Q0A...") for its dead letter; the SQLState in it lets the letter's
     * category be read.
     */
    public String describe(String row) {
        return (timedOut ? "the ERP did not finish writing " + row + ", in its batch nor alone, while the other rows"
                + " of its batch were written (a lock held on it or a trigger that hangs on it)" : "the ERP rejected " + row)
                + ": SQLState " + sqlState + ": " + reason;
    }
}
