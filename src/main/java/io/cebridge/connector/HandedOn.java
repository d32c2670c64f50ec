package io.cebridge.connector;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The rows (by key, with the stamp they had) a poller has handed on within its look-back window, so re-reading the
 * window does not hand them on again; a row whose stamp changed is new. Only rows whose page was acknowledged are
 * remembered; rows older than the window are forgotten; at most {@code limit} rows are kept, so a bulk change inside
 * one window cannot fill the heap: past the limit a re-read hands a row on again and delivery finds it unchanged.
 * Stamps are compared as strings, so they must be fixed-width and sortable (SourceVersion, the ERP stamp format).
 */
public final class HandedOn {
    /** A row as read: its key and its modification stamp. */
    public record Row(String key, String stamp) {
    }

    private final Map<String, String> stampByKey = new HashMap<>();
    /**
     * The same rows by stamp, so forgetting what is older than the window takes only those rows: a scan of every
     * remembered row on each page was 15 % of the ingest thread at 2,000-record pages (issue 15). A key whose stamp
     * changed stays listed under its old stamp too, and is let go only with the stamp it has.
     */
    private final TreeMap<String, List<String>> keysByStamp = new TreeMap<>();
    private final int limit;

    public HandedOn(int limit) {
        this.limit = limit;
    }

    /** Whether this row, with this stamp, was handed on already. */
    public synchronized boolean contains(String key, String stamp) {
        return stamp.equals(stampByKey.get(key));
    }

    /** Remembers an acknowledged page's rows, after forgetting those stamped before {@code forgetBefore}. */
    public synchronized void remember(List<Row> rows, String forgetBefore) {
        SortedMap<String, List<String>> old = keysByStamp.headMap(forgetBefore);
        old.forEach((stamp, keys) -> keys.forEach(key -> stampByKey.remove(key, stamp)));
        old.clear();
        for (Row r : rows) {
            if (stampByKey.size() < limit || stampByKey.containsKey(r.key())) {
                if (!r.stamp().equals(stampByKey.put(r.key(), r.stamp()))) {
                    keysByStamp.computeIfAbsent(r.stamp(), s -> new ArrayList<>(1)).add(r.key());
                }
            }
        }
    }

    public synchronized int size() {
        return stampByKey.size();
    }
}
