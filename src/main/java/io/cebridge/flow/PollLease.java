package io.cebridge.flow;

import io.cebridge.store.LeaseRepository;
import java.net.InetAddress;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First step of a poll cycle: only the instance holding the flow's lease polls the source; the others skip the
 * cycle (their delivery routes still share the work through the Kafka consumer group).
 */
public final class PollLease {
    /** The exchange property the ingest routes loop on (`${exchangeProperty.bridge.morePages}`): set by the lease, then by each page read. */
    public static final String MORE_PAGES = io.cebridge.connector.Paging.MORE_PAGES;
    private static final Logger LOG = LoggerFactory.getLogger(PollLease.class);
    private final LeaseRepository leases;
    private final String name;
    private final Duration duration;
    private final String owner;
    private volatile boolean held;
    private volatile boolean cycled;

    /**
     * {@code instance} names this installation (its data directory): a restarted instance, after a crash as much as
     * after a stop, is the same owner and polls again at once instead of waiting for its own lease to lapse.
     */
    public PollLease(LeaseRepository leases, String flow, Duration duration, String instance) {
        this.leases = leases;
        this.name = "poll:" + flow;
        this.duration = duration;
        this.owner = owner(instance);
    }

    /**
     * Sets {@code bridge.morePages} to whether this instance polls in this cycle; true when it has just taken the
     * lease over from another instance (whose lease lapsed or was given up): after polling cycles without it, or at
     * its first cycle when another instance held it last (started while that one was stopped or dead). False at a
     * first cycle on its own or a never-held lease: what this instance's own last run left is the start's business.
     */
    public boolean start(org.apache.camel.Exchange exchange) throws Exception {
        String before = cycled ? null : leases.owner(name); // one look, at the first cycle only
        boolean now = leases.acquire(name, owner, duration);
        boolean taken = now && !held && (cycled || (before != null && !before.equals(owner)));
        cycled = true;
        if (now != held) {
            LOG.info("{}: this instance {} polling ({})", name, now ? "is now" : "is no longer", owner);
            held = now;
        }
        exchange.setProperty(MORE_PAGES, now);
        return taken;
    }

    /**
     * After each page is committed: renews the lease, so that a cycle longer than the lease (a large load, a slow
     * machine) keeps it, and ends the cycle if another instance took it meanwhile. The page is committed either way, so
     * the instance that polls next starts after it.
     */
    public void renew(org.apache.camel.Exchange exchange) throws Exception {
        if (!Boolean.TRUE.equals(exchange.getProperty(MORE_PAGES, Boolean.class))) {
            return;
        }
        boolean now = leases.acquire(name, owner, duration);
        if (!now) {
            LOG.info("{}: this instance is no longer polling ({}): another took the lease during the cycle", name, owner);
            held = false;
            exchange.setProperty(MORE_PAGES, false);
        }
    }

    /** Releases the lease so another instance can poll at once. */
    public void release() {
        if (held) {
            try {
                leases.release(name, owner);
            } catch (Exception e) {
                LOG.warn("{}: could not release the poll lease: {}", name, e.getMessage());
            }
            held = false;
        }
    }

    /** The name this instance holds leases by: its host and its installation (data directory). */
    public static String owner(String instance) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "unknown-host";
        }
        return host + ":" + instance;
    }
}
