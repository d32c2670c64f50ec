package io.cebridge.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cebridge.config.Secret;
import io.cebridge.connector.crm.salesforce.SalesforcePoller;
import io.cebridge.demo.DemoAccountStore;
import io.cebridge.demo.DemoSalesforceServer;
import io.cebridge.error.ErrorClassifier;
import io.cebridge.error.ErrorKind;
import io.cebridge.it.BridgeHarness;
import io.cebridge.it.SharedKafka;
import io.cebridge.it.TestErp;
import io.cebridge.runtime.BridgeRuntime;
import io.cebridge.flow.FlowStats;
import io.cebridge.store.DeadLetter;
import io.cebridge.store.Pools;
import io.cebridge.store.StateStore;
import io.cebridge.store.Watermark;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// Guards: a dead-letter store that refuses writes letting a bad record be acknowledged (watermark, Kafka offset) and lost.
class DeadLetterStoreFailureIT {
    private static final int ACCOUNTS = 1_000;
    private static final int PAGE = 200;
    private static final int TOO_LONG_AT = 150; // page 1: published, then refused at delivery
    private static final int BAD_USCC_AT = 700; // page 4: refused at ingest, so pages 4 and 5 wait behind it
    private static final String FLOW = "customer-master";
    @TempDir
    Path tmp;

    @Test
    void aRefusingDeadLetterStoreHoldsTheSourceUntilItTakesTheBadRecords() throws Exception {
        String storeDb = "cebridge_it_store_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String storeUrl = "jdbc:postgresql://127.0.0.1:5432/" + storeDb;
        admin("CREATE DATABASE " + storeDb);
        try {
            migrate(storeUrl); // the schema first, so the refusal is in place before the runtime writes anything
            refuseDeadLetters(storeUrl);
            assertThat(probeWrite(storeUrl)).as("the refusal looks like a record's fault, not a store outage")
                    .isEqualTo(ErrorKind.PERMANENT_RECORD);
            DemoAccountStore accounts = DemoAccountStore.empty(Clock.systemUTC());
            Map<String, Object> tooLong = null;
            Map<String, Object> badUscc = null;
            for (int i = 0; i < ACCOUNTS; i++) {
                if (i == TOO_LONG_AT) {
                    tooLong = accounts.create(Map.of("Name", "超长名称".repeat(30))); // 120 characters, the column holds 100
                } else if (i == BAD_USCC_AT) {
                    badUscc = accounts.create(Map.of("Name", "Bad Code Customer", "USCC__c", "91330100799655"));
                } else {
                    accounts.create(Map.of("Name", "Store Failure Customer " + i));
                }
            }
            String tooLongId = (String) tooLong.get("Id");
            String badUsccId = (String) badUscc.get("Id");
            try (TestErp erp = TestErp.create(TestErp.Kind.POSTGRESQL, tmp);
                 DemoSalesforceServer crm = new DemoSalesforceServer(accounts, "it-client", "it-secret");
                 Admin kafka = Admin.create(Map.of("bootstrap.servers", SharedKafka.bootstrapServers()))) {
                crm.start(0);
                BridgeHarness h = new BridgeHarness(tmp.resolve("data"), crm.loginUrl(), "it-secret", erp);
                h.overrides.put("bridge.store.jdbc-url", storeUrl);
                h.overrides.put("bridge.store.username", "postgres");
                h.overrides.put("bridge.crm.salesforce.query-batch-size", Integer.toString(PAGE));
                h.overrides.put("bridge.flows.customer-master.batch-size", "100");
                h.overrides.put("bridge.flows.customer-master.poll-interval", "500ms");
                String topic = h.topicPrefix + FLOW;
                String group = h.topicPrefix + FLOW + "-delivery";
                try (BridgeRuntime runtime = new BridgeRuntime(h.config(), false)) {
                    runtime.start();
                    FlowStats.Counters counters = runtime.stats().of(FLOW);
                    // both stages have met the refusal, and come back to it after failing; a record created after the
                    // refused one reaching the ERP means the source moved on past it: no use waiting any longer
                    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                            .failFast("records after the refused one were delivered, or one was reported dead-lettered",
                                    () -> deliveredAfter(erp, badUsccId) > 0 || counters.deadLettered.get() > 0)
                            .until(() -> refusals(storeUrl, "ingest") >= 3 && refusals(storeUrl, "erp-validate") >= 3);

                    Watermark wm = runtime.store().watermarks().get(FLOW).orElseThrow();
                    String badStamp = SalesforcePoller.normaliseStamp(String.valueOf(badUscc.get("SystemModstamp")));
                    assertThat(wm.isBefore(badStamp, badUsccId)).as("watermark %s stays before the refused record", wm)
                            .isTrue();
                    long[] where = firstOffsetOf(topic, tooLongId);
                    TopicPartition tp = new TopicPartition(topic, (int) where[0]);
                    OffsetAndMetadata committed = committed(kafka, group).get(tp);
                    assertThat(committed == null ? 0 : committed.offset()).as("committed offset of %s", tp)
                            .isLessThanOrEqualTo(where[1]);
                    assertThat(counters.deadLettered.get()).isZero();
                    assertThat(runtime.store().deadLetters().list(null, true)).isEmpty();
                    // how far delivery got depends on whether the refused record came in the consumer's first batch
                    // (then that batch is polled again and again, holding everything after it): not all of them
                    assertThat(erp.customerCount()).as("accounts delivered while the store refuses").isLessThan(ACCOUNTS - 2);

                    execute(storeUrl, "DROP TRIGGER it_refuse ON bridge_dead_letter");
                    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                            .until(() -> erp.customerCount() == ACCOUNTS - 2 && accounts.all().stream()
                                    .filter(a -> !a.get("Id").equals(tooLongId) && !a.get("Id").equals(badUsccId))
                                    .allMatch(a -> a.get("ERP_Customer_No__c") != null)
                                    && runtime.store().deadLetters().list(FLOW, true).size() == 2);
                    awaitAllAcknowledged(kafka, topic, group);
                    assertDeadLetteredOnceWithTheirReasons(runtime, badUsccId, tooLongId);
                    assertThat(counters.deadLettered.get()).isEqualTo(2);
                }
                assertEveryOtherAccountDeliveredOnce(erp, accounts, tooLongId, badUsccId);
            }
        } finally {
            admin("DROP DATABASE IF EXISTS " + storeDb + " WITH (FORCE)");
        }
    }

    /** Everything on the topic by now is acknowledged (the poller keeps re-reading the last stamp, so it grows). */
    private static void awaitAllAcknowledged(Admin kafka, String topic, String group) throws Exception {
        Map<TopicPartition, Long> ends = endOffsets(kafka, topic);
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200)).until(() -> {
            Map<TopicPartition, OffsetAndMetadata> c = committed(kafka, group);
            return ends.entrySet().stream().allMatch(e -> e.getValue() == 0
                    || c.get(e.getKey()) != null && c.get(e.getKey()).offset() >= e.getValue());
        });
    }

    private static void assertDeadLetteredOnceWithTheirReasons(BridgeRuntime runtime, String badUsccId, String tooLongId)
            throws SQLException {
        Map<String, DeadLetter> letters = runtime.store().deadLetters().list(FLOW, true).stream()
                .collect(Collectors.toMap(DeadLetter::sourceId, d -> d));
        assertThat(letters).containsOnlyKeys(badUsccId, tooLongId);
        assertThat(letters.get(badUsccId)).satisfies(d -> {
            assertThat(d.stage()).isEqualTo("ingest");
            assertThat(d.reasonCode()).isEqualTo("USCC_FORMAT");
            assertThat(d.reason()).contains("uscc").contains("91**********55").doesNotContain("91330100799655");
            assertThat(d.attempts()).isEqualTo(1);
        });
        assertThat(letters.get(tooLongId)).satisfies(d -> {
            assertThat(d.stage()).isEqualTo("erp-validate");
            assertThat(d.reasonCode()).isEqualTo("ERP_VALUE_DOES_NOT_FIT");
            assertThat(d.reason()).containsIgnoringCase("name").contains("120 characters");
            assertThat(d.attempts()).isEqualTo(1);
        });
    }

    /** One ERP row per account but the two bad ones, and every write-back equal to its row. */
    private static void assertEveryOtherAccountDeliveredOnce(TestErp erp, DemoAccountStore accounts, String... bad)
            throws SQLException {
        Map<String, String> numbers = new HashMap<>();
        try (Connection c = erp.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT crm_account_id, customer_no FROM erp_customer")) {
            while (rs.next()) {
                assertThat(numbers.put(rs.getString(1), rs.getString(2))).as("one ERP row per account").isNull();
            }
        }
        assertThat(numbers).hasSize(ACCOUNTS - bad.length).doesNotContainKeys(bad);
        for (Map<String, Object> a : accounts.all()) {
            assertThat(a.get("ERP_Customer_No__c")).as("write-back of " + a.get("Id")).isEqualTo(numbers.get(a.get("Id")));
        }
    }

    private static void migrate(String storeUrl) {
        new StateStore(Pools.open("it-store", storeUrl, "postgres", new Secret(""), 3)).close();
    }

    /**
     * Every insert or update of a dead letter fails with a plain RAISE (SQLState P0001), which the classifier reads as
     * a record's fault: the hardest case, since treating it like one would acknowledge the record. Sequences count
     * the refusals per stage; they are not rolled back with the failing transaction.
     */
    private static void refuseDeadLetters(String storeUrl) throws SQLException {
        execute(storeUrl, "CREATE SEQUENCE it_refused_ingest");
        execute(storeUrl, "CREATE SEQUENCE it_refused_delivery");
        execute(storeUrl, "CREATE FUNCTION it_refuse() RETURNS trigger AS $$ BEGIN"
                + " IF NEW.stage = 'ingest' THEN PERFORM nextval('it_refused_ingest');"
                + " ELSIF NEW.stage = 'erp-validate' THEN PERFORM nextval('it_refused_delivery'); END IF;"
                + " RAISE EXCEPTION 'dead-letter store refuses writes (test fault)'; END $$ LANGUAGE plpgsql");
        execute(storeUrl, "CREATE TRIGGER it_refuse BEFORE INSERT OR UPDATE ON bridge_dead_letter"
                + " FOR EACH ROW EXECUTE FUNCTION it_refuse()");
    }

    private static ErrorKind probeWrite(String storeUrl) {
        try {
            execute(storeUrl, "INSERT INTO bridge_dead_letter (flow, stage, source_id, reason_code, reason, payload,"
                    + " attempts, status, first_failed_at, last_failed_at)"
                    + " VALUES ('probe', 'probe', 'probe', 'PROBE', 'probe', '', 1, 'OPEN', now(), now())");
        } catch (SQLException e) {
            return ErrorClassifier.classify(e);
        }
        throw new AssertionError("the dead-letter store took a write it should refuse");
    }

    private static long deliveredAfter(TestErp erp, String sourceId) throws SQLException {
        try (Connection c = erp.dataSource().getConnection();
             java.sql.PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM erp_customer WHERE crm_account_id > ?")) {
            ps.setString(1, sourceId); // demo ids are fixed-width and issued in creation order
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long refusals(String storeUrl, String stage) throws SQLException {
        String seq = stage.equals("ingest") ? "it_refused_ingest" : "it_refused_delivery";
        try (Connection c = DriverManager.getConnection(storeUrl, "postgres", ""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM " + seq)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Partition and offset of the first event of {@code key} on the topic, read without a consumer group. */
    private static long[] firstOffsetOf(String topic, String key) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                SharedKafka.bootstrapServers(), "enable.auto.commit", "false"), new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> parts = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            long[] found = new long[2];
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(r.key())) {
                        found[0] = r.partition();
                        found[1] = r.offset();
                        return true;
                    }
                }
                return false;
            });
            return found;
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> committed(Admin kafka, String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        kafka.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                .forEach((tp, om) -> {
                    if (om != null) {
                        out.put(tp, om);
                    }
                });
        return out;
    }

    private static Map<TopicPartition, Long> endOffsets(Admin kafka, String topic) throws Exception {
        int partitions = kafka.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        Map<TopicPartition, Long> out = new HashMap<>();
        kafka.listOffsets(latest).all().get().forEach((tp, info) -> out.put(tp, info.offset()));
        return out;
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static void admin(String sql) throws SQLException {
        execute("jdbc:postgresql://127.0.0.1:5432/postgres", sql);
    }
}
