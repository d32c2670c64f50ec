package io.cebridge.flow.crmtoerp;

import io.cebridge.connector.crm.salesforce.BulkWriter;
import io.cebridge.flow.DeadLetters;
import io.cebridge.store.LeaseRepository;
import io.cebridge.store.OutboxEntry;
import io.cebridge.store.OutboxRepository;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A flow's write-backs in volume mode: kept in the store's outbox and sent many delivery batches at a time through one
 * Bulk API 2.0 ingest job, so an initial load of a million records costs a few jobs, not one per batch. The flow is in
 * volume mode while its poll reads through a Bulk query job, when a batch brings more write-backs than
 * bridge.crm.bulk-threshold, and while anything of it waits in the outbox (so an older write-back never overtakes a
 * newer one through the REST path). The outbox is sent when it holds bridge.crm.bulk-writeback-size entries, when its
 * oldest is bridge.crm.bulk-writeback-age old, when the poll found no more changes and delivery has paused (the end of
 * a load), on the first look after start (what a crash left; the flow's poll waits for that look, see
 * {@link #awaitFirstLook}) and at stop. With several instances on one store every instance stores write-backs, but
 * only the holder of the flow's {@link OutboxLease} sends them.
 */
public final class WriteBackOutbox implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WriteBackOutbox.class);
    /** How often the outbox is looked at; each look is two indexed queries (and a lease renewal when rows wait). */
    static final Duration TICK = Duration.ofSeconds(1);
    /**
     * After the poll found nothing more, delivery counts as paused once no batch has added to the outbox for this
     * long: a loaded machine takes seconds for one batch, and a job sent while the load is still being delivered would
     * be one more job.
     */
    static final Duration IDLE = Duration.ofSeconds(10);
    private static final Duration LONGEST_BACK_OFF = Duration.ofMinutes(5);
    /** Jobs sent at stop or drain for what earlier jobs left unprocessed before the rest waits for the next start. */
    private static final int ROUNDS = 3;
    private static final Duration STOP_WAIT = Duration.ofMinutes(30);

    private final String flow;
    private final OutboxRepository outbox;
    private final BulkWriter crm;
    private final OutboxJob job;
    private final OutboxLease lease;
    private final Duration leaseDuration;
    private final int size;
    private final Duration maxAge;
    private final Clock clock;
    private final Object sending = new Object();
    private final CountDownLatch firstLook = new CountDownLatch(1);
    private volatile boolean volume;
    private volatile boolean drain;
    private volatile boolean recovered;
    private volatile boolean inJob;
    private volatile Instant polledAt;
    private volatile Instant retryAt = Instant.MIN;
    private volatile Duration backOff = TICK;
    private volatile Instant failedAt;
    private ScheduledExecutorService timer;
    private ScheduledExecutorService renewer;

    /**
     * {@code instance} names this installation (its data directory) for the outbox lease, held for
     * {@code leaseDuration} after each renewal (bridge.poll-lease: how long a crashed instance's rows wait).
     */
    public WriteBackOutbox(String flow, OutboxRepository outbox, BulkWriter crm, DeadLetters deadLetters, int size,
                           Duration maxAge, Clock clock, LeaseRepository leases, String instance,
                           Duration leaseDuration) {
        this.flow = flow;
        this.outbox = outbox;
        this.crm = crm;
        this.job = new OutboxJob(crm, outbox, deadLetters);
        this.lease = new OutboxLease(leases, flow, io.cebridge.flow.PollLease.owner(instance), leaseDuration);
        this.leaseDuration = leaseDuration;
        this.size = size;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** The flow's poll is reading through a Bulk API 2.0 query job: its write-backs go to the outbox. */
    public void pollReadInBulk() {
        polledAt = clock.instant();
        volume = true;
    }

    /** The flow's poll found no more changes: what waits is sent once delivery has paused. */
    public void pollFoundNothing() {
        polledAt = clock.instant();
        volume = false;
        drain = true;
    }

    /** Whether {@code n} write-backs of a delivery batch go to the outbox rather than to sObject Collections calls. */
    boolean takes(int n) throws SQLException {
        return n > 0 && (volume || n > crm.bulkThreshold() || outbox.any(flow));
    }

    /** Stores a batch's write-backs; when this returns they survive a crash and the batch may be acknowledged. */
    void add(List<OutboxEntry> entries) throws SQLException {
        outbox.add(entries);
    }

    public String flow() {
        return flow;
    }

    /** Looks at the outbox every {@link #TICK}, the first look at once (in the background: the start does not wait). */
    public synchronized void start() {
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(daemon("ce-bridge-write-back-outbox-" + flow));
        renewer = Executors.newSingleThreadScheduledExecutor(daemon("ce-bridge-write-back-lease-" + flow));
        renewer.scheduleWithFixedDelay(() -> {
            if (inJob) {
                lease.renew();
            }
        }, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::tick, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Waits (at most {@code max}) until the first look after start is done: what a crash left was sent by this
     * instance, or another instance holds the lease, or the attempt failed (then it is tried again later). The flow's
     * poll waits for it: a record the poll reads again after a restart then finds its number in the CRM and is not
     * written back twice; delivery and the rest of the start do not wait.
     */
    public boolean awaitFirstLook(Duration max) throws InterruptedException {
        return firstLook.await(max.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** {@link #awaitFirstLook(Duration)} for as long as a stop waits for a job. */
    public boolean awaitFirstLook() throws InterruptedException {
        return awaitFirstLook(STOP_WAIT);
    }

    /**
     * Waits until no write-back stored before now waits in the outbox, a send has failed since, or as long as a stop
     * waits for a job. Called by a poll that has just taken the poll lease over from another instance (stopped or
     * crashed): the records it reads again then carry the numbers that instance's outbox held, instead of being
     * written back a second time in a job of their own (found by WriteBackOutboxTwoInstancesIT).
     */
    public void awaitSentBeforeNow() throws SQLException, InterruptedException {
        Instant since = clock.instant();
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Instant[]> ages = outbox.ages(flow);
            Instant failed = failedAt;
            if (ages.isEmpty() || !ages.get()[0].isBefore(since) || (failed != null && failed.isAfter(since))) {
                return;
            }
            Thread.sleep(TICK.toMillis() / 4);
        }
    }

    /** Stops the looks, then sends what waits if this instance holds the lease (a failure leaves it for the next start). */
    @Override
    public synchronized void close() {
        if (timer == null) {
            return;
        }
        timer.shutdown();
        try {
            if (!timer.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                timer.shutdownNow();
            }
            // another instance holding the lease sends them; a single instance always gets it
            if (outbox.any(flow) && lease.hold()) {
                sendAll("stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException | RuntimeException e) {
            LOG.warn("{}: write-backs left in the outbox at stop, sent at the next start: {}", flow,
                    io.cebridge.error.Redactor.oneLine(String.valueOf(e.getMessage())));
        } finally {
            firstLook.countDown(); // a poll still waiting for a look that never came does not wait on
            renewer.shutdownNow();
            lease.release();
            timer = null;
            renewer = null;
        }
    }

    void tick() {
        Instant now = clock.instant();
        if (now.isBefore(retryAt)) {
            return;
        }
        try {
            Optional<Instant[]> ages = outbox.ages(flow);
            if (ages.isEmpty()) {
                recovered = true;
                drain = false;
                return;
            }
            if (!lease.hold()) {
                recovered = true; // the holder sends what waits, including what a crash of this instance left
                return;
            }
            if (!recovered) {
                recovered = true;
                sendAll("start, left by an earlier run");
            } else if (outbox.count(flow) >= size) {
                sendOne("size");
            } else if (!ages.get()[0].plus(maxAge).isAfter(now)) {
                // one job of what waits now: what delivery adds while it runs is young and waits for its own trigger
                // (sending until empty made a slow 1M load 14 jobs, each of what came in during the one before)
                sendOne("age");
            } else if ((drain || !pollsHere(now)) && !ages.get()[1].plus(IDLE).isAfter(now)) {
                // the poll's "nothing more" is known only on the instance that polls; another instance holding the
                // lease takes a pause of IDLE as the end (at worst a job more if delivery stalls that long mid-load)
                drain = false;
                sendAll("end of the changes");
            }
            backOff = TICK;
        } catch (SQLException | RuntimeException e) {
            // the rows stay; the next attempt waits longer each time (a CRM that is down, the API reserve reached)
            backOff = backOff.multipliedBy(2).compareTo(LONGEST_BACK_OFF) > 0 ? LONGEST_BACK_OFF : backOff.multipliedBy(2);
            failedAt = clock.instant();
            retryAt = failedAt.plus(backOff);
            LOG.warn("{}: write-back outbox not sent, tried again in {}: {}", flow, backOff,
                    io.cebridge.error.Redactor.oneLine(String.valueOf(e.getMessage())));
        } finally {
            firstLook.countDown();
        }
    }

    /** Whether this instance's poll reported lately (it holds the poll lease): only then it knows the end of a load. */
    private boolean pollsHere(Instant now) {
        Instant at = polledAt;
        return at != null && at.plus(leaseDuration).isAfter(now);
    }

    /** One job of the oldest {@code size} entries, if this instance still holds the lease. */
    private OutboxJob.Result sendOne(String why) throws SQLException {
        synchronized (sending) {
            if (!lease.hold()) {
                return new OutboxJob.Result(0, 0, 0);
            }
            List<OutboxEntry> entries = outbox.oldest(flow, size);
            if (entries.isEmpty()) {
                return new OutboxJob.Result(0, 0, 0);
            }
            String sobject = entries.get(0).crmObject();
            OutboxJob.Result r;
            inJob = true; // the renewer keeps the lease while the job runs (a 250,000-record job takes minutes)
            try {
                r = job.send(flow, sobject, entries);
            } finally {
                inJob = false;
            }
            LOG.info("{}: write-back job ({}) of {} {} records: {} written, {} refused and dead-lettered, {} left"
                    + " unprocessed for the next job", flow, why, entries.size(), sobject, r.written(), r.refused(),
                    r.unprocessed());
            return r;
        }
    }

    /** Jobs until the outbox is empty, or until jobs leave only unprocessed entries {@link #ROUNDS} times. */
    void sendAll(String why) throws SQLException {
        int stuck = 0;
        while (stuck < ROUNDS) {
            OutboxJob.Result r = sendOne(why);
            if (r.written() + r.refused() + r.unprocessed() == 0) {
                return;
            }
            stuck = r.written() + r.refused() == 0 ? stuck + 1 : 0;
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
