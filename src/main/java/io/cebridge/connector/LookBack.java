package io.cebridge.connector;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Decides whether a poll reads its look-back window (the stretch just before the watermark, for records committed a
 * little after their stamp) again. A watermark that has stood for longer than the window has every record stamped up
 * to it committed; once one poll has read the window after that, it is settled and not read again until the watermark
 * moves. Without this an idle flow re-reads its last window of changes on every poll, forever: after a bulk change
 * of 20,000 records inside the window, that was 20,000 records per poll (CRM API calls, Kafka traffic, delivery work)
 * with nothing new to find.
 * Uses only this process's elapsed time, never the source's clock: the watermark was already committed in the source
 * when this process first saw it, so a window's worth of elapsed time later the source is at least that far past it.
 */
public final class LookBack {
    private final long windowNanos;
    private final LongSupplier nanoTime;
    private Object watermark;
    private long since;
    private Object candidate;
    private Object settled;

    public LookBack(Duration window) {
        this(window, System::nanoTime);
    }

    LookBack(Duration window, LongSupplier nanoTime) {
        this.windowNanos = window.toNanos();
        this.nanoTime = nanoTime;
    }

    /** At the start of a poll from {@code watermark} (null: none yet): whether to read the window before it again. */
    public synchronized boolean reread(Object watermark) {
        long now = nanoTime.getAsLong();
        if (!Objects.equals(watermark, this.watermark)) {
            this.watermark = watermark;
            since = now;
        }
        if (watermark != null && watermark.equals(settled)) {
            return false;
        }
        candidate = watermark != null && now - since >= windowNanos ? watermark : null;
        return true;
    }

    /** The poll read everything from where {@link #reread} sent it; not called when the poll failed part-way. */
    public synchronized void completed() {
        if (candidate != null) {
            settled = candidate;
        }
        candidate = null;
    }
}
