package io.cebridge.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Open query cursors: snapshots of result rows that later "query more" requests page through. */
final class QueryCursors {

    /** Salesforce drops a cursor after 15 minutes without use. */
    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(15);
    /**
     * Salesforce caps open cursors per user and silently releases the oldest; the cap here is looser than
     * Salesforce's 10 so parallel test clients do not trip over each other, but still bounds memory.
     */
    static final int MAX_OPEN = 50;

    /** One open cursor; rows are immutable store rows, so the snapshot costs only references. */
    static final class Cursor {
        final String id;
        final QueryRows rows;
        private Instant lastUsed;

        Cursor(String id, QueryRows rows, Instant lastUsed) {
            this.id = id;
            this.rows = rows;
            this.lastUsed = lastUsed;
        }
    }

    private final Clock clock;
    private final Map<String, Cursor> open = new LinkedHashMap<>();
    private long nextSequence = 1;

    QueryCursors(Clock clock) {
        this.clock = clock;
    }

    /** Opens a cursor (id "01g...") over the rows, releasing the oldest one when too many are open. */
    synchronized Cursor open(QueryRows rows) {
        expireIdle();
        while (open.size() >= MAX_OPEN) {
            Iterator<String> oldest = open.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        Cursor cursor = new Cursor(SalesforceIds.of("01g", nextSequence++), rows, clock.instant());
        open.put(cursor.id, cursor);
        return cursor;
    }

    /** Returns the cursor if it is still open, marking it used. */
    synchronized Optional<Cursor> get(String id) {
        expireIdle();
        Cursor cursor = open.get(id);
        if (cursor != null) {
            cursor.lastUsed = clock.instant();
        }
        return Optional.ofNullable(cursor);
    }

    /** Forgets a cursor, e.g. once its last page was served. */
    synchronized void close(String id) {
        open.remove(id);
    }

    /** Number of open cursors (for tests). */
    synchronized int size() {
        return open.size();
    }

    private void expireIdle() {
        Instant cutoff = clock.instant().minus(IDLE_TIMEOUT);
        open.values().removeIf(cursor -> cursor.lastUsed.isBefore(cutoff));
    }
}
