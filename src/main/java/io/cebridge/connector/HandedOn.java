package io.cebridge.connector;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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

    private final Map<String, String> stampByKey = new ConcurrentHashMap<>();
    private final int limit;

    public HandedOn(int limit) {
        this.limit = limit;
    }

    /** Whether this row, with this stamp, was handed on already. */
    public boolean contains(String key, String stamp) {
        return stamp.equals(stampByKey.get(key));
    }

    /** Remembers an acknowledged page's rows, after forgetting those stamped before {@code forgetBefore}. */
    public void remember(List<Row> rows, String forgetBefore) {
        stampByKey.values().removeIf(stamp -> stamp.compareTo(forgetBefore) < 0);
        for (Row r : rows) {
            if (stampByKey.size() < limit || stampByKey.containsKey(r.key())) {
                stampByKey.put(r.key(), r.stamp());
            }
        }
    }

    public int size() {
        return stampByKey.size();
    }
}
