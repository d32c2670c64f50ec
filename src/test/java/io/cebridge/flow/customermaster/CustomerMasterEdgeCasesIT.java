package io.cebridge.flow.customermaster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cebridge.cli.BridgeCli;
import io.cebridge.demo.DemoAccountStore;
import io.cebridge.demo.DemoSalesforceServer;
import io.cebridge.json.Json;
import io.cebridge.it.BridgeHarness;
import io.cebridge.it.SharedKafka;
import io.cebridge.it.TestErp;
import io.cebridge.runtime.BridgeRuntime;
import io.cebridge.flow.FlowStats;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Edge cases of the customer-master flow on the real runtime, real Kafka, the demo CRM API and H2 / PostgreSQL. */
class CustomerMasterEdgeCasesIT {
    @TempDir
    Path tmp;
    private DemoSalesforceServer crm;
    private TestErp erp;

    @AfterEach
    void tearDown() throws Exception {
        if (crm != null) {
            crm.close();
        }
        if (erp != null) {
            erp.close();
        }
    }

    private BridgeHarness start(TestErp.Kind kind, DemoAccountStore accounts) throws Exception {
        erp = TestErp.create(kind, tmp);
        crm = new DemoSalesforceServer(accounts, "it-client", "it-secret");
        crm.start(0);
        return new BridgeHarness(tmp.resolve("data"), crm.loginUrl(), "it-secret", erp);
    }

    // Guards: a watermark that skips records sharing one SystemModstamp across page boundaries or committed late.
    @Test
    void recordsSharingOneStampAcrossManyPagesAreAllDeliveredOnce() throws Exception {
        Clock frozen = Clock.fixed(Instant.parse("2026-11-23T08:00:00.123Z"), ZoneOffset.UTC);
        DemoAccountStore accounts = DemoAccountStore.empty(frozen);
        for (int i = 0; i < 2450; i++) {
            accounts.create(Map.of("Name", "Same Stamp Customer " + i, "CurrencyIsoCode", "EUR"));
        }
        BridgeHarness bridge = start(TestErp.Kind.H2, accounts);
        bridge.overrides.put("bridge.crm.salesforce.query-batch-size", "200");

        FlowStats.Counters run1 = bridge.runOnce();
        assertThat(run1.read.get()).isEqualTo(2450);
        assertThat(run1.delivered.get()).isEqualTo(2450);
        assertThat(count("SELECT COUNT(*) FROM erp_customer")).isEqualTo(2450);
        assertThat(count("SELECT COUNT(DISTINCT crm_account_id) FROM erp_customer")).isEqualTo(2450);

        // committed late with the very stamp of the watermark
        for (int i = 0; i < 3; i++) {
            accounts.create(Map.of("Name", "Late Customer " + i));
        }
        FlowStats.Counters run2 = bridge.runOnce();
        assertThat(run2.delivered.get()).isEqualTo(3);
        assertThat(count("SELECT COUNT(*) FROM erp_customer")).isEqualTo(2453);
        assertThat(accounts.all()).allSatisfy(a -> assertThat(a.get("ERP_Customer_No__c")).isNotNull());
    }

    // Guards: an idle flow re-reading its last look-back window of changes on every poll, forever (CRM API calls for
    // nothing; seen as ~15,000 records re-read a second after a 20,000-account load), and re-reads published again.
    @Test
    void anIdleFlowStopsReReadingItsLookBackWindowOnceItHasSettled() throws Exception {
        DemoAccountStore accounts = DemoAccountStore.empty(Clock.systemUTC());
        for (int i = 0; i < 300; i++) {
            accounts.create(Map.of("Name", "Idle Customer " + i));
        }
        BridgeHarness bridge = start(TestErp.Kind.H2, accounts);
        bridge.overrides.put("bridge.flows.customer-master.poll-interval", "1s");
        bridge.overrides.put("bridge.flows.customer-master.lookback", "2s");
        try (BridgeRuntime runtime = new BridgeRuntime(bridge.config(), false).start()) {
            FlowStats.Counters c = runtime.stats().of("customer-master");
            // the write-back of 300 ERP numbers changes all 300 accounts inside one look-back window
            await().atMost(Duration.ofMinutes(1)).until(() -> accounts.all().stream()
                    .allMatch(a -> a.get("ERP_Customer_No__c") != null));
            // the window is read again while it is younger than the look-back, then settles: the CRM reads stop
            long[] last = {-1, 0}; // records the CRM has served, poll cycle at which that last changed
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                long served = crm.queryRecordsServed();
                if (served != last[0]) {
                    last[0] = served;
                    last[1] = c.pollCycles.get();
                }
                return c.pollCycles.get() >= last[1] + 3;
            });
            long settled = crm.queryRecordsServed();
            long cycles = c.pollCycles.get();
            await().atMost(Duration.ofSeconds(30)).until(() -> c.pollCycles.get() >= cycles + 5);
            assertThat(crm.queryRecordsServed()).as("records read from the CRM by five idle polls").isEqualTo(settled);
            // re-read while the watermark is younger than the 2 s look-back, once more after: a few 1 s polls
            assertThat(settled).as("300 accounts, their 300 write-back echoes, and the window's re-reads")
                    .isBetween(600L, 600L + 300L * 6);
            assertThat(c.read.get()).as("records published: the re-reads of versions already on Kafka are not")
                    .isEqualTo(600);

            // a change after that is read as usual
            String id = String.valueOf(accounts.all().get(7).get("Id"));
            accounts.update(id, Map.of("Phone", "+86 138 0000 0007"), "005000000000009AAA");
            await().atMost(Duration.ofSeconds(30)).until(() -> "+8613800000007".equals(
                    value("SELECT phone FROM erp_customer WHERE crm_account_id = '" + id + "'")));
            assertThat(c.read.get()).isEqualTo(601);
        }
    }

    // Guards: an older version of a record arriving after a newer one overwriting it (stale write).
    @Test
    void anOlderVersionArrivingLateDoesNotOverwriteTheNewerOne() throws Exception {
        DemoAccountStore accounts = DemoAccountStore.empty(Clock.systemUTC());
        String id = (String) accounts.create(Map.of("Name", "Current Name Ltd")).get("Id");
        BridgeHarness bridge = start(TestErp.Kind.POSTGRESQL, accounts);
        bridge.runOnce();
        String updatedAt = String.valueOf(value("SELECT updated_at FROM erp_customer WHERE crm_account_id = '" + id + "'"));

        Map<String, Object> stale = new LinkedHashMap<>();
        stale.put("sourceSystem", "salesforce");
        stale.put("sourceId", id);
        stale.put("sourceVersion", "2001-01-01T00:00:00.000Z");
        stale.put("name", "Old Name Ltd");
        stale.put("flags", List.of());
        publish(bridge.topicPrefix + "customer-master", id, Json.write(stale));
        FlowStats.Counters run2 = bridge.runOnce();

        assertThat(run2.unchanged.get()).isGreaterThanOrEqualTo(1);
        assertThat(value("SELECT name FROM erp_customer WHERE crm_account_id = '" + id + "'")).isEqualTo("Current Name Ltd");
        assertThat(String.valueOf(value("SELECT updated_at FROM erp_customer WHERE crm_account_id = '" + id + "'")))
                .isEqualTo(updatedAt);
    }

    // Guards: one record the ERP rejects taking the rest of its batch down with it (or being lost silently).
    @Test
    void aRecordTheErpRejectsIsDeadLetteredAndTheRestOfTheBatchLands() throws Exception {
        DemoAccountStore accounts = DemoAccountStore.empty(Clock.systemUTC());
        for (int i = 0; i < 300; i++) {
            accounts.create(Map.of("Name", i == 150 ? "Reject Me Ltd" : "Batch Customer " + i));
        }
        BridgeHarness bridge = start(TestErp.Kind.H2, accounts);
        erp.execute("ALTER TABLE erp_customer ADD CONSTRAINT no_reject CHECK (name <> 'Reject Me Ltd')");

        FlowStats.Counters run = bridge.runOnce();
        assertThat(run.delivered.get()).isEqualTo(299);
        assertThat(run.deadLettered.get()).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM erp_customer")).isEqualTo(299);

        String out = cli(bridge, "dlq", "list", "--json");
        assertThat(out.lines().toList()).singleElement().satisfies(line -> {
            Map<String, Object> letter = Json.readMap(line);
            assertThat(letter).containsKeys("flow", "sourceId", "reason", "firstFailedAt", "attempts");
            assertThat(letter.get("reasonCode")).isEqualTo("ERP_REJECTED");
            assertThat(String.valueOf(letter.get("reason"))).containsIgnoringCase("NO_REJECT");
        });

        // `dlq retry` sends it again; the ERP still refuses, so it is one more attempt on the same letter
        assertThat(cli(bridge, "dlq", "retry", "--all")).contains("1 dead letter(s) marked for retry");
        FlowStats.Counters retry = bridge.runOnce();
        assertThat(retry.deadLettered.get()).isEqualTo(1);
        Map<String, Object> again = Json.readMap(cli(bridge, "dlq", "list", "--json").strip());
        assertThat(again.get("attempts")).isEqualTo(2);
    }

    private String cli(BridgeHarness bridge, String... args) throws Exception {
        Path cfgDir = tmp.resolve("config");
        Files.createDirectories(cfgDir);
        Properties p = new Properties();
        p.setProperty("bridge.data-dir", tmp.resolve("data").toString());
        try (var w = Files.newBufferedWriter(cfgDir.resolve("application.properties"))) {
            p.store(w, null);
        }
        String[] full = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                java.util.stream.Stream.of("--config", cfgDir.toString())).toArray(String[]::new);
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            assertThat(BridgeCli.execute(full)).isZero();
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    private static void publish(String topic, String key, String value) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    private long count(String sql) throws Exception {
        return ((Number) value(sql)).longValue();
    }

    private Object value(String sql) throws Exception {
        try (Connection c = erp.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getObject(1);
        }
    }
}
