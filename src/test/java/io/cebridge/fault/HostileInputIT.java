package io.cebridge.fault;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cebridge.demo.DemoAccountStore;
import io.cebridge.demo.DemoSalesforceServer;
import io.cebridge.json.Json;
import io.cebridge.it.BridgeHarness;
import io.cebridge.it.SharedKafka;
import io.cebridge.it.TestErp;
import io.cebridge.runtime.BridgeRuntime;
import io.cebridge.runtime.OnceRunner;
import io.cebridge.store.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guards: hostile input (quotes, SQL, NUL, emoji, over-long values, null vs missing vs empty, duplicate JSON keys,
 * tombstones, undeserializable messages, huge numbers, redirecting headers) crashing a route, blocking a partition,
 * or being changed silently (a dead letter's payload too). Every entry of hostile/customer-master.json states its
 * expected outcome.
 */
class HostileInputIT {
    @TempDir
    Path tmp;

    @Test
    @SuppressWarnings("unchecked")
    void everyHostileInputIsDeliveredIntactOrDeadLetteredWithAReasonNamingTheField() throws Exception {
        JsonNode corpus = Json.MAPPER.readTree(getClass().getResourceAsStream("/hostile/customer-master.json"));
        List<JsonNode> entries = new ArrayList<>();
        corpus.get("entries").forEach(entries::add);
        assertThat(entries).hasSizeGreaterThanOrEqualTo(60);

        DemoAccountStore accounts = DemoAccountStore.empty(Clock.systemUTC());
        Map<JsonNode, String> sourceIdOf = new HashMap<>();
        for (JsonNode e : entries) {
            if (e.get("via").asText().equals("crm")) {
                Map<String, Object> fields = Json.MAPPER.convertValue(e.get("account"), Map.class);
                sourceIdOf.put(e, (String) accounts.create(fields).get("Id"));
            } else {
                JsonNode value = e.get("value");
                String sid = e.hasNonNull("key") ? e.get("key").asText() : null;
                if (sid == null && value.isTextual() && value.asText().startsWith("{")) {
                    JsonNode parsed = null;
                    try {
                        parsed = new com.fasterxml.jackson.databind.ObjectMapper().readTree(value.asText());
                    } catch (Exception ignored) {
                        // duplicate keys and the like: the key names the record
                    }
                    if (parsed != null && parsed.hasNonNull("sourceId")) {
                        sid = parsed.get("sourceId").asText();
                    }
                }
                sourceIdOf.put(e, sid);
            }
        }
        try (TestErp erp = TestErp.create(TestErp.Kind.POSTGRESQL, tmp);
             DemoSalesforceServer crm = new DemoSalesforceServer(accounts, "it-client", "it-secret")) {
            crm.start(0);
            BridgeHarness h = new BridgeHarness(tmp.resolve("data"), crm.loginUrl(), "it-secret", erp);
            // events injected on Kafka have no CRM account to write back to; this test is about what reaches the ERP
            h.overrides.put("bridge.flows.customer-master.write-back", "false");
            String topic = h.topicPrefix + "customer-master";
            publish(topic, entries.stream().filter(e -> e.get("via").asText().equals("kafka")).toList());

            List<DeadLetter> letters;
            try (BridgeRuntime runtime = new BridgeRuntime(h.config(), true)) {
                runtime.start();
                assertThat(new OnceRunner(runtime, Duration.ofMinutes(3)).await()).as("the run settles").isEmpty();
                letters = runtime.store().deadLetters().list(null, true);
            }
            Map<String, DeadLetter> letterOf = new HashMap<>();
            letters.forEach(d -> letterOf.put(d.sourceId(), d));

            SoftAssertions soft = new SoftAssertions();
            try (Connection c = erp.dataSource().getConnection()) {
                for (JsonNode e : entries) {
                    String what = e.get("via").asText() + ": " + e.get("description").asText();
                    String sid = sourceIdOf.get(e);
                    JsonNode expect = e.get("expect");
                    Map<String, Object> row = row(c, sid);
                    if (expect.get("outcome").asText().equals("delivered")) {
                        DeadLetter unexpected = letterOf.get(sid);
                        soft.assertThat(unexpected == null ? null : unexpected.stage() + " " + unexpected.reasonCode() + ": "
                                + abbreviate(unexpected.reason())).as(what + " (no dead letter)").isNull();
                        soft.assertThat(row).as(what + " (ERP row)").isNotNull();
                        if (row != null && expect.has("erp")) {
                            expect.get("erp").fields().forEachRemaining(f -> soft.assertThat(row.get(f.getKey()))
                                    .as(what + " column " + f.getKey())
                                    .isEqualTo(f.getValue().isNull() ? null : f.getValue().asText()));
                        }
                    } else {
                        soft.assertThat(row == null ? null : row.get("crm_account_id")).as(what + " (no ERP row)").isNull();
                        DeadLetter d = sid == null ? null : letterOf.get(sid);
                        soft.assertThat(d).as(what + " (dead letter)").isNotNull();
                        if (d != null) {
                            soft.assertThat(d.reasonCode()).as(what + " reason code").contains(expect.get("reasonCode").asText());
                            if (expect.has("mentions")) {
                                soft.assertThat(abbreviate(d.reason())).as(what + " reason").containsIgnoringCase(expect.get("mentions").asText());
                            }
                            if (expect.has("payload")) {
                                soft.assertThat(d.payload()).as(what + " payload").isEqualTo(expect.get("payload").asText());
                            }
                        }
                    }
                }
            }
            soft.assertAll();
        }
    }

    private static String abbreviate(String s) {
        return s == null || s.length() < 300 ? s : s.substring(0, 300) + "...";
    }

    private static void publish(String topic, List<JsonNode> entries) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers());
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedKafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
        }
        // values as bytes: an entry's valueHex puts bytes on the topic that no text holds (e.g. not UTF-8)
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (JsonNode e : entries) {
                String key = e.hasNonNull("key") ? e.get("key").asText() : null;
                byte[] value = e.has("valueHex") ? java.util.HexFormat.of().parseHex(e.get("valueHex").asText())
                        : e.get("value").isNull() ? null : e.get("value").asText().getBytes(StandardCharsets.UTF_8);
                ProducerRecord<String, byte[]> rec = new ProducerRecord<>(topic, key, value);
                if (e.has("headers")) {
                    e.get("headers").fields().forEachRemaining(h -> rec.headers().add(h.getKey(),
                            h.getValue().asText().getBytes(StandardCharsets.UTF_8)));
                }
                producer.send(rec).get();
            }
        }
    }

    private static Map<String, Object> row(Connection c, String crmId) throws Exception {
        if (crmId == null) {
            return null;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM erp_customer WHERE crm_account_id = ?")) {
            ps.setString(1, crmId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                Map<String, Object> m = new HashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    String v = rs.getString(i);
                    m.put(rs.getMetaData().getColumnLabel(i).toLowerCase(java.util.Locale.ROOT),
                            v == null ? null : v.stripTrailing());
                }
                return m;
            }
        }
    }
}
