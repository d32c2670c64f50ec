package io.cebridge.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cebridge.cleanse.UsccValidator;
import io.cebridge.demo.DemoAccountStore;
import io.cebridge.demo.DemoSalesforceServer;
import io.cebridge.flow.FlowStats;
import io.cebridge.it.BridgeHarness;
import io.cebridge.it.SharedKafka;
import io.cebridge.it.SharedStoreDatabase;
import io.cebridge.it.TestErp;
import io.cebridge.runtime.BridgeRuntime;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guards: two new accounts sharing a USCC, delivered at once by two instances or two consumers of one (their ids in
 * partitions of different members of the delivery group), each reading the ERP, finding no customer and creating
 * one: two ERP customers for one USCC.
 */
class SharedUsccTwoInstancesIT {
    private static final String FLOW = "customer-master";
    private static final int ACCOUNTS = 600;
    @TempDir
    Path tmp;

    @Test
    void accountsSharingAUsccDeliveredByTwoInstancesAtOnceMakeOneErpCustomer() throws Exception {
        DemoAccountStore accounts = DemoAccountStore.empty(Clock.systemUTC());
        String storeDb = SharedStoreDatabase.create();
        try (TestErp erp = TestErp.create(TestErp.Kind.POSTGRESQL, tmp);
             DemoSalesforceServer crm = new DemoSalesforceServer(accounts, "it-client", "it-secret")) {
            crm.start(0);
            BridgeHarness a = harness("a", crm, erp, null);
            BridgeHarness b = harness("b", crm, erp, a.topicPrefix);
            SharedStoreDatabase.use(a, storeDb);
            SharedStoreDatabase.use(b, storeDb);
            BridgeRuntime first = new BridgeRuntime(a.config(), false).start();
            BridgeRuntime second = new BridgeRuntime(b.config(), false).start();
            try {
                oneErpCustomerPerUscc(accounts, erp, a.topicPrefix, first, second);
            } finally {
                first.close();
                second.close();
            }
        } finally {
            SharedStoreDatabase.drop(storeDb);
        }
    }

    /** The same race between two consumers of one instance on the embedded store, whose claims stay in the process. */
    @Test
    void accountsSharingAUsccDeliveredByTwoConsumersOfOneInstanceOnTheEmbeddedStoreMakeOneErpCustomer()
            throws Exception {
        DemoAccountStore accounts = DemoAccountStore.empty(Clock.systemUTC());
        try (TestErp erp = TestErp.create(TestErp.Kind.H2, tmp);
             DemoSalesforceServer crm = new DemoSalesforceServer(accounts, "it-client", "it-secret")) {
            crm.start(0);
            BridgeHarness h = harness("one", crm, erp, null);
            h.overrides.put("bridge.flows." + FLOW + ".delivery-consumers", "2");
            try (BridgeRuntime runtime = new BridgeRuntime(h.config(), false).start()) {
                oneErpCustomerPerUscc(accounts, erp, h.topicPrefix, runtime, runtime);
                assertThat(runtime.store().localCreateClaims().size()).as("claims given up once created").isZero();
            }
        }
    }

    /**
     * Makes accounts whose ids fall in the partitions of the group's two members in turn, pairs of them sharing a
     * USCC, and checks that each USCC got one ERP customer, the pair's other account linked to it.
     */
    private void oneErpCustomerPerUscc(DemoAccountStore accounts, TestErp erp, String topicPrefix, BridgeRuntime first,
                                       BridgeRuntime second) throws Exception {
        List<Set<Integer>> owned = partitionsOfEachMember(topicPrefix);
        int partitions = owned.get(0).size() + owned.get(1).size();
        // the accounts' ids are known before they are made: pair an id of one member's partitions with one of
        // the other's, in creation order, so that both members deliver the two at about the same time
        List<String> ofFirst = new ArrayList<>();
        List<String> ofSecond = new ArrayList<>();
        for (int seq = 1; seq <= ACCOUNTS; seq++) {
            String id = DemoAccountStore.idOf(seq);
            (owned.get(0).contains(partitionOf(id, partitions)) ? ofFirst : ofSecond).add(id);
        }
        int pairs = Math.min(ofFirst.size(), ofSecond.size());
        assertThat(pairs).as("ids in both members' partitions").isGreaterThan(ACCOUNTS / 5);
        Map<String, String> usccOf = new HashMap<>();
        for (int k = 0; k < pairs; k++) {
            String uscc = uscc(k);
            usccOf.put(ofFirst.get(k), uscc);
            usccOf.put(ofSecond.get(k), uscc);
        }
        for (int seq = 1; seq <= ACCOUNTS; seq++) {
            String id = DemoAccountStore.idOf(seq);
            String made = (String) accounts.create(Map.of("Name", "Shared USCC Customer " + seq,
                    "USCC__c", usccOf.getOrDefault(id, uscc(100_000 + seq)))).get("Id");
            assertThat(made).isEqualTo(id);
        }
        long distinct = new HashSet<>(accounts.all().stream().map(x -> x.get("USCC__c")).toList()).size();

        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(250)).until(() ->
                accounts.all().stream().allMatch(x -> x.get("ERP_Customer_No__c") != null)
                        && second.store().deadLetters().list(null, false).isEmpty());

        assertThat(erp.column("SELECT uscc FROM erp_customer GROUP BY uscc HAVING COUNT(*) > 1"))
                .as("one ERP customer per USCC").isEmpty();
        assertThat(erp.customerCount()).isEqualTo(distinct);
        Map<String, String> numberOfUscc = new HashMap<>();
        try (Connection c = erp.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT uscc, customer_no FROM erp_customer")) {
            while (rs.next()) {
                numberOfUscc.put(rs.getString(1), rs.getString(2));
            }
        }
        for (Map<String, Object> x : accounts.all()) {
            assertThat(x.get("ERP_Customer_No__c")).as("the number of %s's USCC", x.get("Id"))
                    .isEqualTo(numberOfUscc.get(x.get("USCC__c")));
        }
        Map<String, Long> outcomes = new HashMap<>();
        try (Connection c = second.store().dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT action, flags FROM bridge_audit WHERE flow = '" + FLOW + "'"
                     + " AND action IN ('CREATED', 'LINKED')")) {
            while (rs.next()) {
                String key = rs.getString(1) + (rs.getString(2) == null ? "" : " " + rs.getString(2));
                outcomes.merge(key, 1L, Long::sum);
            }
        }
        assertThat(outcomes).as("each pair: one created, one linked to it").containsOnly(
                Map.entry("CREATED", distinct), Map.entry("LINKED DUPLICATE_USCC_LINKED", (long) pairs));
        FlowStats.Counters one = first.stats().of(FLOW);
        FlowStats.Counters two = second.stats().of(FLOW);
        System.out.printf("shared USCC: %d pairs, delivered %d%s, waited for the other's create %d%s%n",
                pairs, one.delivered.get(), first == second ? "" : " + " + two.delivered.get(), one.waiting.get(),
                first == second ? "" : " + " + two.waiting.get());
    }

    /** The delivery consumers' partitions, once both have some: [first member's, second member's]. */
    private static List<Set<Integer>> partitionsOfEachMember(String topicPrefix) {
        String group = topicPrefix + FLOW + "-delivery";
        List<Set<Integer>> out = new ArrayList<>();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedKafka.bootstrapServers()))) {
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200)).until(() -> {
                ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
                if (d.members().size() != 2 || d.members().stream().anyMatch(m -> m.assignment().topicPartitions().isEmpty())) {
                    return false;
                }
                out.clear();
                for (MemberDescription m : d.members()) {
                    Set<Integer> p = new HashSet<>();
                    m.assignment().topicPartitions().stream().map(TopicPartition::partition).forEach(p::add);
                    out.add(p);
                }
                return true;
            });
        }
        return out;
    }

    /** Kafka's default partitioner for a keyed record (the topic is keyed by the account id). */
    private static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** A USCC with the right check character (91: a company; 310000: Shanghai). */
    private static String uscc(int n) {
        String first17 = String.format("913100007%08d", n);
        return first17 + UsccValidator.expectedCheckChar(first17);
    }

    private BridgeHarness harness(String name, DemoSalesforceServer crm, TestErp erp, String topicPrefix) {
        BridgeHarness h = new BridgeHarness(tmp.resolve("data-" + name), crm.loginUrl(), "it-secret", erp);
        h.overrides.put("bridge.kafka.topic-prefix", topicPrefix != null ? topicPrefix : h.topicPrefix);
        h.overrides.put("bridge.flows." + FLOW + ".poll-interval", "500ms");
        // small batches: the two instances' batches overlap many times in one load
        h.overrides.put("bridge.flows." + FLOW + ".batch-size", "25");
        h.overrides.put("bridge.poll-lease", "20s");
        h.overrides.put("bridge.retry.max-attempts", "20");
        return h;
    }

}
