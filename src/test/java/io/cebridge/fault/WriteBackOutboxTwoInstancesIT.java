package io.cebridge.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cebridge.demo.DemoAccountStore;
import io.cebridge.demo.DemoSalesforceServer;
import io.cebridge.flow.FlowStats;
import io.cebridge.it.BridgeHarness;
import io.cebridge.it.ChildRuntime;
import io.cebridge.it.SharedKafka;
import io.cebridge.it.SharedStoreDatabase;
import io.cebridge.it.TestErp;
import io.cebridge.runtime.BridgeRuntime;
import io.cebridge.store.StateStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guards: with two instances on one store the same outbox rows going out in two Bulk ingest jobs, and rows of an
 * instance killed while its job runs never sent (they must go out from the other once its outbox lease lapses).
 */
class WriteBackOutboxTwoInstancesIT {
    private static final String FLOW = "customer-master";
    private static final String NUMBER = "ERP_Customer_No__c";
    @TempDir
    Path tmp;

    @Test
    void bothInstancesDeliverAndEveryNumberIsWrittenBackByExactlyOneJob() throws Exception {
        int accountsCount = 2_000;
        DemoAccountStore accounts = DemoAccountStore.empty(Clock.systemUTC());
        String storeDb = SharedStoreDatabase.create();
        try (TestErp erp = TestErp.create(TestErp.Kind.POSTGRESQL, tmp);
             DemoSalesforceServer crm = new DemoSalesforceServer(accounts, "it-client", "it-secret")) {
            crm.start(0);
            BridgeHarness a = harness("a", crm, erp, storeDb, null);
            BridgeHarness b = harness("b", crm, erp, storeDb, a.topicPrefix);
            // jobs of 500 when that many wait: the load is several jobs, each sent while both instances deliver
            for (BridgeHarness h : List.of(a, b)) {
                h.overrides.put("bridge.crm.bulk-writeback-size", "500");
            }
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < accountsCount; i++) {
                ids.add((String) accounts.create(Map.of("Name", "Outbox Two Instances " + i)).get("Id"));
            }
            // nobody polls until both consumers have partitions: then the load is delivered by both
            String blocker = "the test, until both instances consume";
            try (StateStore store = StateStore.open(a.config(), 2)) {
                assertThat(store.leases().acquire("poll:" + FLOW, blocker, Duration.ofMinutes(3))).isTrue();
            }
            BridgeRuntime first = new BridgeRuntime(a.config(), false).start();
            BridgeRuntime second = new BridgeRuntime(b.config(), false).start();
            FlowStats.Counters one = first.stats().of(FLOW);
            FlowStats.Counters two = second.stats().of(FLOW);
            try {
                String group = a.topicPrefix + FLOW + "-delivery";
                SharedKafka.awaitMembersWithPartitions(group, 2);
                second.store().leases().release("poll:" + FLOW, blocker);
                await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(200)).until(() ->
                        accounts.all().stream().allMatch(x -> x.get(NUMBER) != null)
                                && second.store().outbox().count(FLOW) == 0);
                assertThat(one.delivered.get()).as("instance a delivered").isPositive();
                assertThat(two.delivered.get()).as("instance b delivered").isPositive();
            } finally {
                first.close();
                second.close();
            }
            assertThat(crm.bulkIngestJobs()).as("jobs of up to 500 for 2,000 write-backs").isBetween(4L, 10L);
            int throughJobs = 0;
            for (String id : ids) {
                assertThat(crm.bulkWritesOf(id)).as("in one job at most: " + id).isLessThanOrEqualTo(1);
                throughJobs += crm.bulkWritesOf(id);
            }
            // a delivery batch of a single record while the outbox happens to be empty goes the REST way, as it should
            assertThat(throughJobs).as("the load's write-backs went through the outbox").isGreaterThan(accountsCount * 9 / 10);
            assertThat(erp.scalar("SELECT COUNT(DISTINCT crm_account_id) FROM erp_customer WHERE crm_account_id LIKE"
                    + " '001%'")).isEqualTo(accountsCount);
        } finally {
            SharedStoreDatabase.drop(storeDb);
        }
    }

    @Test
    void theRowsOfAnInstanceKilledWhileItsJobRunsAreSentByTheOther() throws Exception {
        int accountsCount = 300;
        DemoAccountStore accounts = DemoAccountStore.empty(Clock.systemUTC());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < accountsCount; i++) {
            ids.add((String) accounts.create(Map.of("Name", "Outbox Killed Mid-Flush " + i)).get("Id"));
        }
        String storeDb = SharedStoreDatabase.create();
        try (TestErp erp = TestErp.create(TestErp.Kind.POSTGRESQL, tmp);
             DemoSalesforceServer crm = new DemoSalesforceServer(accounts, "it-client", "it-secret")) {
            crm.start(0);
            crm.stallBulkJobs(true);
            BridgeHarness b = harness("b", crm, erp, storeDb, null);
            Map<String, String> childSettings = new HashMap<>(b.overrides);
            childSettings.keySet().removeIf(k -> k.startsWith("bridge.data-dir") || k.startsWith("bridge.routes-dir")
                    || k.startsWith("bridge.mappings-dir") || k.startsWith("bridge.crm.salesforce.")
                    || k.startsWith("bridge.erp."));
            ChildRuntime child = new ChildRuntime(tmp.resolve("child-a"), crm.loginUrl(), erp, childSettings);
            Process a = child.start(1);
            BridgeRuntime second = null;
            try {
                // a delivers the load alone and sends its outbox in one job, which the CRM never runs
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                        .until(() -> crm.bulkIngestJobs() == 1);
                assertThat(erp.customerCount()).isEqualTo(accountsCount);
                second = new BridgeRuntime(b.config(), false).start();
                BridgeRuntime b2 = second;
                assertThat(b2.store().outbox().count(FLOW)).as("a's rows, in the job that does not end")
                        .isEqualTo(accountsCount);
                ChildRuntime.kill(a);
                crm.stallBulkJobs(false);

                // b takes the outbox lease once a's lapses and sends the rows a left
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() ->
                        accounts.all().stream().allMatch(x -> x.get(NUMBER) != null) && b2.store().outbox().count(FLOW) == 0);
                assertThat(crm.bulkIngestJobs()).as("a's stalled job and b's").isEqualTo(2);
                for (String id : ids) {
                    assertThat(crm.bulkWritesOf(id)).as("written back once: " + id).isEqualTo(1);
                }
                assertThat(b2.store().deadLetters().list(null, true)).isEmpty();
            } finally {
                if (a.isAlive()) {
                    ChildRuntime.kill(a);
                }
                if (second != null) {
                    second.close();
                }
            }
        } finally {
            SharedStoreDatabase.drop(storeDb);
        }
    }

    private BridgeHarness harness(String name, DemoSalesforceServer crm, TestErp erp, String storeDb,
                                  String topicPrefix) {
        BridgeHarness h = new BridgeHarness(tmp.resolve("data-" + name), crm.loginUrl(), "it-secret", erp);
        h.overrides.put("bridge.kafka.topic-prefix", topicPrefix != null ? topicPrefix : h.topicPrefix);
        h.overrides.put("bridge.kafka.bootstrap-servers", SharedKafka.bootstrapServers());
        SharedStoreDatabase.use(h, storeDb);
        h.overrides.put("bridge.flows." + FLOW + ".poll-interval", "500ms");
        h.overrides.put("bridge.flows." + FLOW + ".batch-size", "200");
        // every delivery batch goes to the outbox (more write-backs than 1, and the poll reads through Bulk)
        h.overrides.put("bridge.crm.bulk-threshold", "1");
        // the poll lease and the outbox lease: long enough that a stalled machine keeps them between renewals,
        // short enough that the take-over after a kill is seconds
        h.overrides.put("bridge.poll-lease", "8s");
        h.overrides.put("bridge.retry.max-attempts", "20");
        return h;
    }


}
