package io.cebridge.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// Guards: the producer allowed to send a message (bridge.kafka.max-message-size) that the broker then refuses because the topic's max.message.bytes stayed at the broker's default, on the embedded broker and on a topic that existed before.
class TopicMessageSizeIT {
    private static final int LIMIT = 3 * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void theTopicsTakeWhatTheProducerMaySend() throws Exception {
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dir, 0)) {
            broker.start();
            String bootstrap = broker.bootstrapServers();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                admin.createTopics(List.of(new NewTopic("cb.existing", Optional.empty(), Optional.empty()))).all().get();
                TopicProvisioner.ensure(bootstrap, List.of("cb.new", "cb.existing"), Duration.ofDays(7), LIMIT,
                        Duration.ofSeconds(60));
                for (String t : List.of("cb.new", "cb.existing")) {
                    ConfigResource r = new ConfigResource(ConfigResource.Type.TOPIC, t);
                    // the broker applies a committed change from the metadata log a moment later
                    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                            admin.describeConfigs(List.of(r)).all().get().get(r).get("max.message.bytes").value())
                            .as(t).isEqualTo(Integer.toString(LIMIT)));
                }
            }
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ProducerConfig.MAX_REQUEST_SIZE_CONFIG, LIMIT,
                    ProducerConfig.BUFFER_MEMORY_CONFIG, 4L * LIMIT), new ByteArraySerializer(), new ByteArraySerializer())) {
                byte[] value = new byte[2 * 1024 * 1024]; // twice the broker's own default limit
                for (String t : List.of("cb.new", "cb.existing")) {
                    assertThat(producer.send(new ProducerRecord<>(t, value)).get().serializedValueSize()).as(t)
                            .isEqualTo(value.length);
                }
            }
        }
    }
}
