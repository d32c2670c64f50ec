package io.cebridge.flow.crmtoerp;

import io.cebridge.connector.crm.salesforce.BulkWriter;
import io.cebridge.flow.DeadLetters;
import io.cebridge.store.OutboxEntry;
import io.cebridge.store.OutboxRepository;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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
 * a load), at start (what a crash left) and at stop.
 */
public final class WriteBackOutbox implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WriteBackOutbox.class);
    /** How often the outbox is looked at; each look is two indexed queries. */
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
    private final int size;
    private final Duration maxAge;
    private final Clock clock;
    private final Object sending = new Object();
    private volatile boolean volume;
    private volatile boolean drain;
    private volatile boolean recovered;
    private volatile Instant retryAt = Instant.MIN;
    private volatile Duration backOff = TICK;
    private ScheduledExecutorService timer;

    public WriteBackOutbox(String flow, OutboxRepository outbox, BulkWriter crm, DeadLetters deadLetters, int size,
                           Duration maxAge, Clock clock) {
        this.flow = flow;
        this.outbox = outbox;
        this.crm = crm;
        this.job = new OutboxJob(crm, outbox, deadLetters);
        this.size = size;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** The flow's poll is reading through a Bulk API 2.0 query job: its write-backs go to the outbox. */
    public void pollReadInBulk() {
        volume = true;
    }

    /** The flow's poll found no more changes: what waits is sent once delivery has paused. */
    public void pollFoundNothing() {
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

    /** Sends what a crash or a failed stop left, then looks at the outbox every {@link #TICK}. */
    public synchronized void start() {
        if (timer != null) {
            return;
        }
        try {
            // before the flow's delivery runs: what a crash left is written first, so a record delivered again after
            // the restart finds its number in the CRM and is not written twice
            if (outbox.any(flow)) {
                sendAll("start, left by an earlier run");
            }
            recovered = true;
        } catch (SQLException | RuntimeException e) {
            LOG.warn("{}: write-backs left by an earlier run not sent yet, tried again shortly: {}", flow,
                    io.cebridge.error.Redactor.oneLine(String.valueOf(e.getMessage())));
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ce-bridge-write-back-outbox-" + flow);
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::tick, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops the looks, then sends what waits (a failure leaves it for the next start). */
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
            sendAll("stop");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException | RuntimeException e) {
            LOG.warn("{}: write-backs left in the outbox at stop, sent at the next start: {}", flow,
                    io.cebridge.error.Redactor.oneLine(String.valueOf(e.getMessage())));
        }
        timer = null;
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
            if (!recovered) {
                recovered = true;
                sendAll("start, left by an earlier run");
            } else if (outbox.count(flow) >= size) {
                sendOne("size");
            } else if (!ages.get()[0].plus(maxAge).isAfter(now)) {
                sendAll("age");
            } else if (drain && !ages.get()[1].plus(IDLE).isAfter(now)) {
                drain = false;
                sendAll("end of the changes");
            }
            backOff = TICK;
        } catch (SQLException | RuntimeException e) {
            // the rows stay; the next attempt waits longer each time (a CRM that is down, the API reserve reached)
            backOff = backOff.multipliedBy(2).compareTo(LONGEST_BACK_OFF) > 0 ? LONGEST_BACK_OFF : backOff.multipliedBy(2);
            retryAt = clock.instant().plus(backOff);
            LOG.warn("{}: write-back outbox not sent, tried again in {}: {}", flow, backOff,
                    io.cebridge.error.Redactor.oneLine(String.valueOf(e.getMessage())));
        }
    }

    /** One job of the oldest {@code size} entries. */
    private OutboxJob.Result sendOne(String why) throws SQLException {
        synchronized (sending) {
            List<OutboxEntry> entries = outbox.oldest(flow, size);
            if (entries.isEmpty()) {
                return new OutboxJob.Result(0, 0, 0);
            }
            String sobject = entries.get(0).crmObject();
            OutboxJob.Result r = job.send(flow, sobject, entries);
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
}
