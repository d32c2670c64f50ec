package io.cebridge.flow.crmtoerp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cebridge.config.Secret;
import io.cebridge.connector.crm.salesforce.BulkIngestJob;
import io.cebridge.connector.crm.salesforce.BulkWriter;
import io.cebridge.flow.DeadLetters;
import io.cebridge.flow.FlowStats;
import io.cebridge.store.OutboxEntry;
import io.cebridge.store.Pools;
import io.cebridge.store.StateStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances' outboxes on one store: only the holder of the outbox lease sends, each row goes in one job, a holder
 * that stops renewing (a crash) loses the rows to the other after the lease, a job longer than the lease keeps it, a
 * stop hands it over at once, what a crash left goes out on the first look without holding up the start, and a poll
 * taking the lease over waits until what waited before it is sent.
 */
class WriteBackOutboxLeaseTest {
    private static final String FLOW = "customer-master";
    @TempDir
    Path dir;
    private StateStore store;
    private DeadLetters deadLetters;
    private final List<WriteBackOutbox> opened = new ArrayList<>();

    /** A CRM that takes every Bulk job and writes every record, recording which instance sent which ids. */
    private static final class RecordingCrm implements BulkWriter {
        final List<List<String>> jobs = new CopyOnWriteArrayList<>();
        volatile CountDownLatch gate = new CountDownLatch(0);
        volatile boolean fails;
        final CountDownLatch started = new CountDownLatch(1);

        @Override
        public int bulkThreshold() {
            return 1;
        }

        @Override
        public BulkIngestJob.Outcome upsertInBulk(String sobject, String externalIdField, List<Map<String, Object>> rows) {
            List<String> ids = rows.stream().map(r -> (String) r.get("Id")).toList();
            started.countDown();
            try {
                if (!gate.await(1, TimeUnit.MINUTES)) {
                    throw new IllegalStateException("the test never opened the gate");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (fails) {
                throw new IllegalStateException("the connection broke before the results were read");
            }
            jobs.add(ids);
            return new BulkIngestJob.Outcome(new LinkedHashSet<>(ids), Map.of(), Set.of(), null);
        }

        int rows() {
            return jobs.stream().mapToInt(List::size).sum();
        }
    }

    @BeforeEach
    void open() {
        store = new StateStore(Pools.open("outbox-lease-test", StateStore.embeddedUrl(dir), "", new Secret(""), 4));
        deadLetters = new DeadLetters(store.deadLetters(), new FlowStats());
    }

    @AfterEach
    void close() throws Exception {
        opened.forEach(WriteBackOutbox::close);
        store.close();
    }

    private WriteBackOutbox outbox(String instance, BulkWriter crm, int size, Duration lease) {
        WriteBackOutbox box = new WriteBackOutbox(FLOW, store.outbox(), crm, deadLetters, size, Duration.ofHours(1),
                Clock.systemUTC(), store.leases(), instance, lease);
        opened.add(box);
        return box;
    }

    private List<String> rows(int from, int n) throws Exception {
        return rows(from, n, Instant.now());
    }

    private List<String> rows(int from, int n, Instant now) throws Exception {
        List<OutboxEntry> entries = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = from; i < from + n; i++) {
            String id = String.format("001%015d", i);
            ids.add(id);
            entries.add(new OutboxEntry(FLOW, "Account", id, "{\"ERP_Customer_No__c\":\"C" + i + "\"}", id, "v1",
                    "{}", now));
        }
        store.outbox().add(entries);
        return ids;
    }

    @Test
    void onlyTheHolderSendsAndEveryRowGoesInExactlyOneJob() throws Exception {
        RecordingCrm crmOfA = new RecordingCrm();
        RecordingCrm crmOfB = new RecordingCrm();
        WriteBackOutbox a = outbox("a", crmOfA, 10, Duration.ofMinutes(1));
        WriteBackOutbox b = outbox("b", crmOfB, 10, Duration.ofMinutes(1));
        a.tick(); // the first looks, on an empty outbox: nothing left by a crash
        b.tick();
        List<String> ids = rows(0, 35);

        for (int look = 0; look < 10 && store.outbox().count(FLOW) >= 10; look++) {
            a.tick();
            b.tick();
        }

        assertThat(crmOfB.jobs).as("the instance without the lease sends nothing").isEmpty();
        assertThat(crmOfA.jobs).hasSize(3).allSatisfy(job -> assertThat(job).hasSize(10));
        Map<String, Integer> times = new HashMap<>();
        crmOfA.jobs.forEach(job -> job.forEach(id -> times.merge(id, 1, Integer::sum)));
        assertThat(times).as("no row in two jobs").allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
        assertThat(times).hasSize(30); // stored at one instant: which 30 of the 35 is the database's choice
        assertThat(ids).containsAll(times.keySet());
        assertThat(store.outbox().count(FLOW)).as("5 left, below the size").isEqualTo(5);
    }

    @Test
    void rowsOfAHolderThatDiesMidJobAreSentByTheOtherOnceItsLeaseLapses() throws Exception {
        RecordingCrm crmOfA = new RecordingCrm();
        crmOfA.fails = true; // the job ends without results, as when the process dies: rows stay, the lease is not released
        RecordingCrm crmOfB = new RecordingCrm();
        Duration lease = Duration.ofSeconds(3);
        WriteBackOutbox a = outbox("a", crmOfA, 10, lease);
        WriteBackOutbox b = outbox("b", crmOfB, 10, lease);
        List<String> ids = rows(0, 10);

        a.tick();
        b.tick();

        assertThat(crmOfB.jobs).as("while a's lease runs").isEmpty();
        assertThat(store.outbox().count(FLOW)).isEqualTo(10);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
            b.tick();
            return !crmOfB.jobs.isEmpty();
        });
        assertThat(crmOfB.jobs).singleElement().satisfies(job -> assertThat(job).containsExactlyElementsOf(ids));
        assertThat(store.outbox().count(FLOW)).isZero();
    }

    @Test
    void aJobLongerThanTheLeaseKeepsItAndTheOtherInstanceWaits() throws Exception {
        RecordingCrm crmOfA = new RecordingCrm();
        crmOfA.gate = new CountDownLatch(1);
        RecordingCrm crmOfB = new RecordingCrm();
        Duration lease = Duration.ofSeconds(2);
        WriteBackOutbox a = outbox("a", crmOfA, 10, lease);
        WriteBackOutbox b = outbox("b", crmOfB, 10, lease);
        rows(0, 10);

        a.start();
        assertThat(crmOfA.started.await(30, TimeUnit.SECONDS)).as("a's job runs").isTrue();
        // three leases long: without the renewal during the job b would take the lease and send the same rows
        await().during(lease.multipliedBy(3)).atMost(lease.multipliedBy(4)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    b.tick();
                    return crmOfB.jobs.isEmpty();
                });
        crmOfA.gate.countDown();

        await().atMost(Duration.ofSeconds(20)).until(() -> store.outbox().count(FLOW) == 0);
        assertThat(crmOfA.jobs).singleElement().satisfies(job -> assertThat(job).hasSize(10));
        assertThat(crmOfB.jobs).isEmpty();
    }

    @Test
    void aStopSendsWhatWaitsAndHandsTheLeaseOverAtOnce() throws Exception {
        RecordingCrm crmOfA = new RecordingCrm();
        RecordingCrm crmOfB = new RecordingCrm();
        Duration lease = Duration.ofMinutes(5); // only the release lets b send within the test
        WriteBackOutbox a = outbox("a", crmOfA, 10, lease);
        WriteBackOutbox b = outbox("b", crmOfB, 10, lease);
        a.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> a.awaitFirstLook(Duration.ZERO));
        rows(0, 4); // young and fewer than the size: no look sends them
        a.tick(); // a holds the lease
        b.tick(); // b's first look: a holds the lease
        assertThat(crmOfB.jobs).isEmpty();

        a.close();

        assertThat(crmOfA.rows()).as("sent at stop").isEqualTo(4);
        rows(100, 10);
        b.tick();
        assertThat(crmOfB.jobs).as("b holds the lease a released").singleElement()
                .satisfies(job -> assertThat(job).hasSize(10));
    }

    @Test
    void whatACrashLeftGoesOutOnTheFirstLookWithoutHoldingUpTheStart() throws Exception {
        RecordingCrm crmOfA = new RecordingCrm();
        crmOfA.gate = new CountDownLatch(1);
        WriteBackOutbox a = outbox("a", crmOfA, 1_000, Duration.ofMinutes(1));
        RecordingCrm crmOfB = new RecordingCrm();
        WriteBackOutbox b = outbox("b", crmOfB, 1_000, Duration.ofMinutes(1));
        List<String> leftover = rows(0, 7); // fewer than the size, young: only the first look sends them

        a.start(); // returns while the job of the leftover is under way
        assertThat(crmOfA.started.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(a.awaitFirstLook(Duration.ofMillis(200))).as("the poll still waits").isFalse();
        b.start();
        assertThat(b.awaitFirstLook(Duration.ofSeconds(30))).as("b's poll: a holds the lease and sends them").isTrue();
        crmOfA.gate.countDown();

        assertThat(a.awaitFirstLook(Duration.ofSeconds(30))).isTrue();
        assertThat(crmOfA.jobs).singleElement().satisfies(job -> assertThat(job).containsExactlyElementsOf(leftover));
        assertThat(crmOfB.jobs).isEmpty();
        assertThat(store.outbox().count(FLOW)).isZero();
    }

    @Test
    void aPollTakingTheLeaseOverWaitsUntilWhatWaitedBeforeIsSentButNotForNewerRows() throws Exception {
        RecordingCrm crm = new RecordingCrm();
        crm.gate = new CountDownLatch(1);
        WriteBackOutbox b = outbox("b", crm, 1_000, Duration.ofMinutes(1));
        b.tick(); // the first look, on an empty outbox
        // what the instance b takes over from left: fewer than the size, older than the age (1 h): one job sends them
        rows(0, 5, Instant.now().minus(Duration.ofHours(2)));
        java.util.concurrent.CompletableFuture<Void> poll = java.util.concurrent.CompletableFuture.runAsync(() -> {
            try {
                b.awaitSentBeforeNow();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        java.util.concurrent.CompletableFuture.runAsync(b::tick); // sent for age: the job waits on the gate
        assertThat(crm.started.await(30, TimeUnit.SECONDS)).isTrue();
        // a batch delivered after the take-over (stamped a minute on, so surely after the poll's "now"): not waited for
        rows(100, 3, Instant.now().plus(Duration.ofMinutes(1)));
        assertThat(poll).as("the rows left before it are not in the CRM yet").isNotDone();

        crm.gate.countDown();

        poll.get(30, TimeUnit.SECONDS);
        assertThat(crm.jobs).singleElement().satisfies(job -> assertThat(job).hasSize(5));
        assertThat(store.outbox().count(FLOW)).as("the newer rows wait for their own job").isEqualTo(3);
    }
}
