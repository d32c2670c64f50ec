package io.cebridge.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

// the first-start test runs first so its timing includes loading Kafka's classes, as in a real cold start
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedKafkaBrokerIT {

    private static final String TOPIC = "crm.contacts";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    // guards: a fresh directory is not formatted, the broker is slow to come up, or keyed records are lost/reordered
    @Test
    @Order(1)
    void firstStartFormatsDirectoryAndCarriesKeyedRecords() throws Exception {
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dir, 0).withPartitions(3)) {
            long begin = System.nanoTime();
            broker.start();
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
            System.out.println("Embedded Kafka broker first start took " + tookMs + " ms");

            assertThat(broker.isRunning()).isTrue();
            assertThat(broker.bootstrapServers()).matches("127\\.0\\.0\\.1:\\d+");
            assertThat(dir.resolve("meta.properties")).exists();

            List<String> sent = List.of("a:1", "b:1", "c:1", "a:2", "b:2", "a:3");
            produce(broker, sent);
            List<ConsumerRecord<String, String>> got;
            try (KafkaConsumer<String, String> consumer = consumer(broker, "first-start")) {
                consumer.subscribe(List.of(TOPIC));
                got = pollUntil(consumer, sent.size());
            }
            assertThat(got).extracting(r -> r.key() + ":" + r.value()).containsExactlyInAnyOrderElementsOf(sent);
            // same key -> same partition, in send order
            Map<String, List<String>> byKey = got.stream().collect(Collectors.groupingBy(ConsumerRecord::key,
                    Collectors.mapping(ConsumerRecord::value, Collectors.toList())));
            assertThat(byKey.get("a")).containsExactly("1", "2", "3");
            assertThat(got.stream().filter(r -> r.key().equals("a")).map(ConsumerRecord::partition).distinct()).hasSize(1);
            try (Admin admin = admin(broker)) {
                assertThat(admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC).partitions()).hasSize(3);
            }
        }
        assertThat(dir.resolve(BrokerPorts.FILE_NAME)).exists();
    }

    // guards: a restart (new instance, as in a new JVM) reformats or forgets data, committed offsets, or the port
    @Test
    @Order(2)
    void restartOnSameDirectoryKeepsMessagesAndCommittedOffsets() throws Exception {
        String group = "erp-writer";
        Map<TopicPartition, OffsetAndMetadata> committed;
        String bootstrap;
        String clusterId;
        try (EmbeddedKafkaBroker first = new EmbeddedKafkaBroker(dir, 0)) {
            first.start();
            bootstrap = first.bootstrapServers();
            produce(first, List.of("k1:old1", "k2:old2", "k3:old3", "k1:old4"));
            try (KafkaConsumer<String, String> consumer = consumer(first, group)) {
                consumer.subscribe(List.of(TOPIC));
                pollUntil(consumer, 4);
                consumer.commitSync();
            }
            try (Admin admin = admin(first)) {
                committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                clusterId = admin.describeCluster().clusterId().get();
            }
        }
        assertThat(committed.values().stream().mapToLong(OffsetAndMetadata::offset).sum()).isEqualTo(4);

        try (EmbeddedKafkaBroker second = new EmbeddedKafkaBroker(dir, 0)) {
            long begin = System.nanoTime();
            second.start();
            System.out.println("Embedded Kafka broker restart took "
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin) + " ms");
            assertThat(second.bootstrapServers()).isEqualTo(bootstrap);
            try (Admin admin = admin(second)) {
                assertThat(admin.describeCluster().clusterId().get()).isEqualTo(clusterId);
                assertThat(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get())
                        .isEqualTo(committed);
            }
            try (KafkaConsumer<String, String> replay = consumer(second, "replay")) {
                replay.subscribe(List.of(TOPIC));
                assertThat(pollUntil(replay, 4)).extracting(ConsumerRecord::value)
                        .containsExactlyInAnyOrder("old1", "old2", "old3", "old4");
            }
            produce(second, List.of("k1:new1", "k2:new2"));
            try (KafkaConsumer<String, String> resumed = consumer(second, group)) {
                resumed.subscribe(List.of(TOPIC));
                // the group resumes at its committed offsets: only the new records arrive
                assertThat(pollUntil(resumed, 2)).extracting(ConsumerRecord::value)
                        .containsExactlyInAnyOrder("new1", "new2");
            }
        }
    }

    // guards: stop() leaves state behind that breaks a second start, or connected clients cannot carry on afterwards
    @Test
    @Order(3)
    void sameInstanceRestartsTwiceWhileClientsStayConnected() throws Exception {
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dir, 0)) {
            broker.start();
            String bootstrap = broker.bootstrapServers();
            try (KafkaProducer<String, String> producer = producer(broker);
                    KafkaConsumer<String, String> consumer = consumer(broker, "mid-stream")) {
                consumer.subscribe(List.of(TOPIC));
                for (int round = 1; round <= 3; round++) {
                    producer.send(new ProducerRecord<>(TOPIC, "key", "round" + round)).get(60, TimeUnit.SECONDS);
                    assertThat(pollUntil(consumer, 1)).extracting(ConsumerRecord::value).containsExactly("round" + round);
                    consumer.commitSync();
                    if (round < 3) {
                        broker.stop();
                        assertThat(broker.isRunning()).isFalse();
                        broker.start();
                        assertThat(broker.isRunning()).isTrue();
                        assertThat(broker.bootstrapServers()).isEqualTo(bootstrap);
                    }
                }
            }
        }
    }

    // guards: a start that cannot succeed hangs or leaves a half-started broker instead of failing with a clear message
    @Test
    @Order(4)
    void startFailsClearlyWhenThePortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dir, taken.getLocalPort());
            assertThatThrownBy(broker::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("127.0.0.1:" + taken.getLocalPort())
                    .hasMessageContaining("Address already in use");
            assertThat(broker.isRunning()).isFalse();
        }
    }

    // guards: a remembered port that another process grabbed meanwhile blocks the restart forever
    @Test
    @Order(5)
    void restartMovesToAFreePortWhenTheRememberedOneIsTaken() throws Exception {
        int oldPort;
        try (EmbeddedKafkaBroker first = new EmbeddedKafkaBroker(dir, 0)) {
            first.start();
            oldPort = Integer.parseInt(first.bootstrapServers().split(":")[1]);
            produce(first, List.of("k:kept"));
        }
        try (ServerSocket taken = new ServerSocket();
                EmbeddedKafkaBroker second = new EmbeddedKafkaBroker(dir, 0)) {
            taken.bind(new InetSocketAddress("127.0.0.1", oldPort));
            second.start();
            assertThat(second.bootstrapServers()).isNotEqualTo("127.0.0.1:" + oldPort);
            try (KafkaConsumer<String, String> consumer = consumer(second, "after-move")) {
                consumer.subscribe(List.of(TOPIC));
                assertThat(pollUntil(consumer, 1)).extracting(ConsumerRecord::value).containsExactly("kept");
            }
        }
    }

    private static void produce(EmbeddedKafkaBroker broker, List<String> keyValues) throws Exception {
        try (KafkaProducer<String, String> producer = producer(broker)) {
            for (String kv : keyValues) {
                String[] parts = kv.split(":", 2);
                producer.send(new ProducerRecord<>(TOPIC, parts[0], parts[1])).get(60, TimeUnit.SECONDS);
            }
        }
    }

    private static List<ConsumerRecord<String, String>> pollUntil(KafkaConsumer<String, String> consumer, int expected) {
        List<ConsumerRecord<String, String>> got = new ArrayList<>();
        await().atMost(WAIT).pollInterval(Duration.ZERO).untilAsserted(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(got::add);
            assertThat(got).hasSizeGreaterThanOrEqualTo(expected);
        });
        // nothing beyond what we expect may sneak in (e.g. replayed records after a restart)
        consumer.poll(Duration.ofMillis(500)).forEach(got::add);
        assertThat(got).hasSize(expected);
        return got;
    }

    private static KafkaProducer<String, String> producer(EmbeddedKafkaBroker broker) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    private static KafkaConsumer<String, String> consumer(EmbeddedKafkaBroker broker, String group) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
    }

    private static Admin admin(EmbeddedKafkaBroker broker) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }
}
