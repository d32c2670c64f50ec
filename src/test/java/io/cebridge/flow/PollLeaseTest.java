package io.cebridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cebridge.config.Secret;
import io.cebridge.store.Pools;
import io.cebridge.store.StateStore;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A poll cycle longer than the lease keeps it by renewing per page, and ends when another instance took it. */
class PollLeaseTest {
    @TempDir
    Path dir;
    private StateStore store;
    private final CamelContext camel = new DefaultCamelContext();

    @BeforeEach
    void open() {
        store = new StateStore(Pools.open("lease-test", StateStore.embeddedUrl(dir), "", new Secret(""), 2));
    }

    @AfterEach
    void close() throws Exception {
        store.close();
        camel.close();
    }

    @Test
    void renewingAfterEachPageKeepsTheLeaseFromTheOtherInstance() throws Exception {
        PollLease a = new PollLease(store.leases(), "customer-master", Duration.ofSeconds(1), "a");
        PollLease b = new PollLease(store.leases(), "customer-master", Duration.ofSeconds(1), "b");
        Exchange cycleOfA = cycle(a);
        assertThat(cycleOfA.getProperty(PollLease.MORE_PAGES, Boolean.class)).isTrue();
        // a cycle of pages lasting several leases: each renewal keeps the other instance out
        long until = System.nanoTime() + Duration.ofMillis(2_500).toNanos();
        while (System.nanoTime() < until) {
            a.renew(cycleOfA);
            assertThat(cycleOfA.getProperty(PollLease.MORE_PAGES, Boolean.class)).isTrue();
            assertThat(cycle(b).getProperty(PollLease.MORE_PAGES, Boolean.class)).as("the other instance polls").isFalse();
        }
    }

    @Test
    void aCycleWhoseLeaseAnotherInstanceTookEndsAfterThePageItCommitted() throws Exception {
        PollLease a = new PollLease(store.leases(), "customer-master", Duration.ofMillis(50), "a");
        PollLease b = new PollLease(store.leases(), "customer-master", Duration.ofMinutes(1), "b");
        Exchange cycleOfA = cycle(a);
        assertThat(cycleOfA.getProperty(PollLease.MORE_PAGES, Boolean.class)).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> cycle(b).getProperty(PollLease.MORE_PAGES, Boolean.class));
        a.renew(cycleOfA);
        assertThat(cycleOfA.getProperty(PollLease.MORE_PAGES, Boolean.class)).as("a goes on polling").isFalse();
    }

    @Test
    void aCycleWithNoMorePagesDoesNotTakeTheLeaseAgain() throws Exception {
        PollLease a = new PollLease(store.leases(), "customer-master", Duration.ofMillis(50), "a");
        PollLease b = new PollLease(store.leases(), "customer-master", Duration.ofMinutes(1), "b");
        Exchange cycleOfA = cycle(a);
        cycleOfA.setProperty(PollLease.MORE_PAGES, false); // the last page was short
        await().atMost(Duration.ofSeconds(10)).until(() -> cycle(b).getProperty(PollLease.MORE_PAGES, Boolean.class));
        a.renew(cycleOfA);
        assertThat(cycle(a).getProperty(PollLease.MORE_PAGES, Boolean.class)).as("b's lease stands").isFalse();
    }

    @Test
    void aFirstCycleTakingOverTheLeaseAnotherInstanceHeldSaysSoAndOneOnItsOwnOrAFreeLeaseDoesNot() throws Exception {
        PollLease a = new PollLease(store.leases(), "customer-master", Duration.ofMillis(50), "a");
        assertThat(a.start(new DefaultExchange(camel))).as("a free lease: nothing to take over").isFalse();
        PollLease aAgain = new PollLease(store.leases(), "customer-master", Duration.ofMillis(50), "a");
        assertThat(aAgain.start(new DefaultExchange(camel))).as("a restart takes its own lease").isFalse();
        aAgain.release(); // a stops (a crash lets it lapse instead)
        PollLease b = new PollLease(store.leases(), "customer-master", Duration.ofMinutes(1), "b");
        Exchange first = new DefaultExchange(camel);
        assertThat(b.start(first)).as("b's very first cycle takes the lease over from a").isTrue();
        assertThat(first.getProperty(PollLease.MORE_PAGES, Boolean.class)).isTrue();
        assertThat(b.start(new DefaultExchange(camel))).as("held since").isFalse();
    }

    private Exchange cycle(PollLease lease) throws Exception {
        Exchange e = new DefaultExchange(camel);
        lease.start(e);
        return e;
    }
}
