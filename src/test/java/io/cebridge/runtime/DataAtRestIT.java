package io.cebridge.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cebridge.config.BridgeConfig;
import io.cebridge.config.Secret;
import io.cebridge.store.DeadLetter;
import io.cebridge.store.Pools;
import io.cebridge.store.StateStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Guards: the data dir, embedded store or Kafka logs readable by other users (umask 022), or old store rows not purged while running. */
class DataAtRestIT {
    @TempDir
    Path tmp;

    @Test
    void theDataDirIsOwnerOnlyAndOldStoreRowsArePurgedWhileRunning() throws Exception {
        Path data = tmp.resolve("data");
        Map<String, String> o = Map.of("bridge.data-dir", data.toString(),
                "bridge.flows.customer-master.enabled", "false", "bridge.http.enabled", "false",
                "bridge.store.retention", "30d");
        BridgeConfig cfg = BridgeConfig.load(null, Map.of(), new Properties(), o);
        // an install made by an earlier version: a world-readable data dir and store with rows past the retention
        Files.createDirectories(data);
        Instant old = Instant.now().minus(Duration.ofDays(31));
        try (StateStore store = new StateStore(Pools.open("seed", StateStore.embeddedUrl(data), "", new Secret(""), 2))) {
            store.deadLetters().record(DeadLetter.failure("customer-master", "ingest", "001OLD", "v1", "X", "r", "{}"));
            store.deadLetters().record(DeadLetter.failure("customer-master", "ingest", "001OPEN", "v1", "X", "r", "{}"));
            try (Connection c = store.dataSource().getConnection();
                 PreparedStatement letters = c.prepareStatement("UPDATE bridge_dead_letter SET status = 'RESOLVED',"
                         + " resolved_at = ? WHERE source_id = '001OLD'");
                 PreparedStatement audit = c.prepareStatement("INSERT INTO bridge_audit (flow, source_id, source_version,"
                         + " target_id, action, flags, at) VALUES ('customer-master', ?, 'v1', 't', 'INSERT', '', ?)")) {
                letters.setTimestamp(1, Timestamp.from(old));
                letters.executeUpdate();
                for (String[] row : new String[][] {{"001OLD", old.toString()}, {"001NEW", Instant.now().toString()}}) {
                    audit.setString(1, row[0]);
                    audit.setTimestamp(2, Timestamp.from(Instant.parse(row[1])));
                    audit.executeUpdate();
                }
            }
        }
        try (Stream<Path> s = Files.walk(data)) {
            for (Path p : s.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }

        try (BridgeRuntime runtime = new BridgeRuntime(cfg, false)) {
            runtime.start();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(runtime.store().deadLetters().list(null, true)).extracting(DeadLetter::sourceId)
                            .containsExactly("001OPEN"));
            try (Connection c = runtime.store().dataSource().getConnection();
                 var rs = c.createStatement().executeQuery("SELECT source_id FROM bridge_audit")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("001NEW");
                assertThat(rs.next()).isFalse();
            }
            // Kafka creates a topic's directory and segments now, and rewrites its checkpoint files every few seconds
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, runtime.bootstrapServers(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
                producer.send(new ProducerRecord<>("at-rest-probe", "k", "customer data")).get();
            }
            Path kafka = data.resolve("kafka");
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(kafka.resolve("replication-offset-checkpoint"))
                    && Files.isDirectory(kafka.resolve("at-rest-probe-0")));
            assertOwnerOnly(data);
        }
        assertOwnerOnly(data);
    }

    private static void assertOwnerOnly(Path root) throws Exception {
        List<Path> all;
        try (Stream<Path> s = Files.walk(root)) {
            all = s.toList();
        }
        assertThat(all).anySatisfy(p -> assertThat(p.getFileName().toString()).endsWith(".mv.db"))
                .anySatisfy(p -> assertThat(p.getFileName().toString()).endsWith(".log"));
        for (Path p : all) {
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                continue; // a checkpoint's temporary file replaced meanwhile
            }
            String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
            assertThat(mode).as(root.relativize(p).toString()).isEqualTo(Files.isDirectory(p) ? "rwx------" : "rw-------");
        }
    }
}
