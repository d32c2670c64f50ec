package io.cebridge.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cebridge.demo.DemoAccountStore;
import io.cebridge.demo.DemoSalesforceServer;
import io.cebridge.flow.FlowStats;
import io.cebridge.it.BridgeHarness;
import io.cebridge.it.SharedKafka;
import io.cebridge.it.TestErp;
import io.cebridge.runtime.BridgeRuntime;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Guards: a flow delivering with several Kafka consumers in one process (bridge.flows.FLOW.delivery-consumers) losing,
 * doubling or reordering records, or `run --once` ending before every consumer's partitions are committed.
 */
class ParallelDeliveryIT {
    private static final int ACCOUNTS = 3_000;
    private static final String FLOW = "customer-master";
    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(value = TestErp.Kind.class, names = {"H2", "POSTGRESQL", "MARIADB"})
    void threeConsumersDeliverEachAccountOnceWithItsLastVersionAndAStopMidLoadLosesNothing(TestErp.Kind kind)
            throws Exception {
        DemoAccountStore accounts = DemoAccountStore.empty(Clock.systemUTC());
        try (TestErp erp = TestErp.create(kind, tmp);
             DemoSalesforceServer crm = new DemoSalesforceServer(accounts, "it-client", "it-secret")) {
            crm.start(0);
            BridgeHarness h = harness(crm, erp);
            String group = h.topicPrefix + FLOW + "-delivery";
            BridgeRuntime first = new BridgeRuntime(h.config(), false).start();
            try {
                // three members of one group, each with a partition of its own, before the load starts
                await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
                        .until(() -> members(group).size() == 3
                                && members(group).stream().allMatch(n -> n == 1));
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < ACCOUNTS; i++) {
                    ids.add((String) accounts.create(Map.of("Name", "Parallel Customer " + i)).get("Id"));
                }
                FlowStats.Counters one = first.stats().of(FLOW);
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20))
                        .until(() -> one.delivered.get() >= ACCOUNTS / 4);
                // newer versions of every tenth account while the load is on its way: only the last may stay
                for (int v = 2; v <= 3; v++) {
                    for (int i = 0; i < ACCOUNTS; i += 10) {
                        accounts.update(ids.get(i), Map.of("Name", "Parallel Customer " + i + " v" + v),
                                DemoAccountStore.DEFAULT_USER_ID);
                    }
                }
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20))
                        .until(() -> erp.customerCount() >= ACCOUNTS / 2);
            } finally {
                first.close(); // mid-load: what its consumers had not committed is delivered by the next start
            }
            try (BridgeRuntime second = new BridgeRuntime(h.config(), false).start()) {
                await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(200))
                        .until(() -> erp.customerCount() == ACCOUNTS && lastVersionsInErp(accounts, erp)
                                && accounts.all().stream().allMatch(a -> a.get("ERP_Customer_No__c") != null));
                assertThat(second.store().deadLetters().list(null, true)).isEmpty();
                try (Connection c = second.store().dataSource().getConnection(); Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT source_id, COUNT(*) FROM bridge_audit WHERE flow = '" + FLOW
                             + "' AND action = 'CREATED' GROUP BY source_id HAVING COUNT(*) > 1")) {
                    assertThat(rs.next()).as("an account created twice").isFalse();
                }
            }
            try (Connection c = erp.dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(DISTINCT crm_account_id), COUNT(*) FROM erp_customer")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(ACCOUNTS);
                assertThat(rs.getLong(2)).isEqualTo(ACCOUNTS);
            }
            Map<String, String> numbers = erpColumn(erp, "customer_no");
            for (Map<String, Object> a : accounts.all()) {
                assertThat(a.get("ERP_Customer_No__c")).as("number written back to " + a.get("Id"))
                        .isEqualTo(numbers.get((String) a.get("Id")));
            }
        }
    }

    @Test
    void runOnceWithThreeConsumersEndsOnlyOnceEveryPartitionIsCommittedToTheEnd() throws Exception {
        DemoAccountStore accounts = DemoAccountStore.empty(Clock.systemUTC());
        for (int i = 0; i < 600; i++) {
            accounts.create(Map.of("Name", "Once Customer " + i));
        }
        try (TestErp erp = TestErp.create(TestErp.Kind.H2, tmp);
             DemoSalesforceServer crm = new DemoSalesforceServer(accounts, "it-client", "it-secret")) {
            crm.start(0);
            BridgeHarness h = harness(crm, erp);
            long t0 = System.nanoTime();
            FlowStats.Counters c = h.runOnce();
            System.out.printf("run --once of 600 accounts with 3 delivery consumers: %.2f s%n",
                    (System.nanoTime() - t0) / 1e9);
            assertThat(c.delivered.get()).isEqualTo(600);
            assertThat(erp.customerCount()).isEqualTo(600);
            String topic = h.topicPrefix + FLOW;
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedKafka.bootstrapServers()))) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(topic + "-delivery")
                        .partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                for (int p = 0; p < 3; p++) {
                    latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
                }
                admin.listOffsets(latest).all().get().forEach((tp, end) -> {
                    assertThat(end.offset()).as("records on " + tp).isPositive();
                    assertThat(committed.get(tp)).as("committed on " + tp).isNotNull();
                    assertThat(committed.get(tp).offset()).as("committed on " + tp).isEqualTo(end.offset());
                });
            }
        }
    }

    private BridgeHarness harness(DemoSalesforceServer crm, TestErp erp) {
        BridgeHarness h = new BridgeHarness(tmp.resolve("data"), crm.loginUrl(), "it-secret", erp).enable(FLOW);
        h.overrides.put("bridge.flows." + FLOW + ".poll-interval", "500ms");
        h.overrides.put("bridge.flows." + FLOW + ".batch-size", "100");
        h.overrides.put("bridge.flows." + FLOW + ".delivery-consumers", "3");
        h.overrides.put("bridge.retry.max-attempts", "20");
        return h;
    }

    /** The number of partitions each member of the group holds. */
    private static List<Integer> members(String group) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedKafka.bootstrapServers()))) {
            ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
            return d.members().stream().map(m -> m.assignment().topicPartitions().size()).toList();
        }
    }

    private static boolean lastVersionsInErp(DemoAccountStore accounts, TestErp erp) throws Exception {
        Map<String, String> names = erpColumn(erp, "name");
        return accounts.all().stream().allMatch(a -> a.get("Name").equals(names.get((String) a.get("Id"))));
    }

    private static Map<String, String> erpColumn(TestErp erp, String column) throws Exception {
        Map<String, String> out = new HashMap<>();
        try (Connection c = erp.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT crm_account_id, " + column + " FROM erp_customer")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }
}
