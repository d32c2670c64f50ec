package io.cebridge.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cebridge.demo.DemoAccountStore;
import io.cebridge.demo.DemoSalesforceServer;
import io.cebridge.it.BridgeHarness;
import io.cebridge.it.SharedStoreDatabase;
import io.cebridge.it.TestErp;
import io.cebridge.runtime.BridgeRuntime;
import io.cebridge.flow.FlowStats;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import io.cebridge.it.SharedKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guards: two instances on one Kafka and one state store both polling the CRM, not sharing delivery, or losing or
 * doubling records when one of them stops in the middle of a load (consumer-group rebalance, poll lease take-over).
 */
class TwoInstancesIT {
    private static final int ACCOUNTS = 6_000;
    @TempDir
    Path tmp;

    @Test
    void deliveryIsSharedOnlyOneInstancePollsAndAStopMidLoadLosesNothing() throws Exception {
        DemoAccountStore accounts = DemoAccountStore.empty(Clock.systemUTC());
        String storeDb = SharedStoreDatabase.create();
        try (TestErp erp = TestErp.create(TestErp.Kind.POSTGRESQL, tmp);
             DemoSalesforceServer crm = new DemoSalesforceServer(accounts, "it-client", "it-secret")) {
            crm.start(0);
            BridgeHarness a = harness("a", crm, erp, storeDb, null);
            BridgeHarness b = harness("b", crm, erp, storeDb, a.topicPrefix);
            BridgeRuntime first = new BridgeRuntime(a.config(), false).start();
            BridgeRuntime second = new BridgeRuntime(b.config(), false).start();
            FlowStats.Counters one = first.stats().of("customer-master");
            FlowStats.Counters two = second.stats().of("customer-master");
            try {
                // both consumers in the group with partitions of their own before the load starts
                String group = a.topicPrefix + "customer-master-delivery";
                SharedKafka.awaitMembersWithPartitions(group, 2);
                for (int i = 0; i < ACCOUNTS; i++) {
                    accounts.create(Map.of("Name", "Two Instances Customer " + i));
                }
                await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(20))
                        .until(() -> one.delivered.get() > 0 && two.delivered.get() > 0 && erp.customerCount() >= ACCOUNTS / 3);
                assertThat(one.read.get() == 0 || two.read.get() == 0).as("only one instance polls").isTrue();
                first.close(); // rebalance mid-load; if it held the poll lease, the other takes it over
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() -> erp.customerCount() == ACCOUNTS
                        && accounts.all().stream().allMatch(x -> x.get("ERP_Customer_No__c") != null));
                assertThat(second.store().deadLetters().list(null, true)).isEmpty();
            } finally {
                first.close();
                second.close();
            }
            try (Connection c = erp.dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(DISTINCT crm_account_id), COUNT(*) FROM erp_customer")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(ACCOUNTS);
                assertThat(rs.getLong(2)).isEqualTo(ACCOUNTS);
            }
        } finally {
            SharedStoreDatabase.drop(storeDb);
        }
    }

    private BridgeHarness harness(String name, DemoSalesforceServer crm, TestErp erp, String storeDb, String topicPrefix) {
        BridgeHarness h = new BridgeHarness(tmp.resolve("data-" + name), crm.loginUrl(), "it-secret", erp);
        if (topicPrefix != null) {
            h.overrides.put("bridge.kafka.topic-prefix", topicPrefix);
        } else {
            h.overrides.put("bridge.kafka.topic-prefix", h.topicPrefix);
        }
        SharedStoreDatabase.use(h, storeDb);
        h.overrides.put("bridge.flows.customer-master.poll-interval", "500ms");
        h.overrides.put("bridge.flows.customer-master.batch-size", "200");
        // long enough that a stalled machine (CI, other builds) does not let the lease lapse between two cycles; the stop
        // releases it, so the take-over it guards does not wait for it
        h.overrides.put("bridge.poll-lease", "20s");
        h.overrides.put("bridge.retry.max-attempts", "20");
        return h;
    }

}
