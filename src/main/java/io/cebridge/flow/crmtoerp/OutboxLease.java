package io.cebridge.flow.crmtoerp;

import io.cebridge.store.LeaseRepository;
import java.sql.SQLException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The right to send a flow's write-back outbox (lease {@code outbox:FLOW} in the store's bridge_lease): with several
 * instances on one store only the holder sends, so the same rows never go out in two jobs. The holder renews it on
 * every look at the outbox and every second of a job; when it stops it releases it, when it crashes the lease lapses
 * after {@code duration} and another instance takes it and sends the rows the crashed one had not settled (the upsert
 * by Id is idempotent: rows of a job cut off by a crash are safe to send again).
 */
final class OutboxLease {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxLease.class);
    private final LeaseRepository leases;
    private final String name;
    private final String owner;
    private final Duration duration;
    private volatile boolean held;

    /**
     * {@code owner} names this instance; the same name after a restart (host and data directory, as the poll lease)
     * takes the lease back at once instead of waiting for it to lapse.
     */
    OutboxLease(LeaseRepository leases, String flow, String owner, Duration duration) {
        this.leases = leases;
        this.name = "outbox:" + flow;
        this.owner = owner;
        this.duration = duration;
    }

    /** Takes or renews the lease; true when this instance may send the outbox for the next {@code duration}. */
    boolean hold() throws SQLException {
        boolean now;
        try {
            now = leases.acquire(name, owner, duration);
        } catch (SQLException e) {
            held = false; // not known to hold it: send nothing until the store answers again
            throw e;
        }
        if (now != held) {
            LOG.info("{}: this instance {} sending the write-back outbox ({})", name, now ? "is now" : "is no longer",
                    owner);
            held = now;
        }
        return now;
    }

    /** Renews the lease while a job runs, so a job longer than the lease does not let another instance send its rows. */
    void renew() {
        if (!held) {
            return;
        }
        try {
            hold();
        } catch (SQLException | RuntimeException e) {
            LOG.warn("{}: lease not renewed during a write-back job: {}", name,
                    io.cebridge.error.Redactor.oneLine(String.valueOf(e.getMessage())));
        }
    }

    boolean held() {
        return held;
    }

    /** Gives the lease up (at stop), so another instance sends the outbox at its next look, not after it lapses. */
    void release() {
        if (!held) {
            return;
        }
        held = false;
        try {
            leases.release(name, owner);
        } catch (SQLException | RuntimeException e) {
            LOG.warn("{}: lease not released, another instance takes it when it lapses: {}", name,
                    io.cebridge.error.Redactor.oneLine(String.valueOf(e.getMessage())));
        }
    }
}
