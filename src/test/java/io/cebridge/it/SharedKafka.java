package io.cebridge.it;

import io.cebridge.runtime.EmbeddedKafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;

/** One real Kafka broker for all integration tests of this JVM; tests isolate themselves by topic prefix. */
public final class SharedKafka {
    private static EmbeddedKafkaBroker broker;

    private SharedKafka() {
    }

    public static synchronized String bootstrapServers() {
        if (broker == null) {
            try {
                Path dir = Files.createTempDirectory("ce-bridge-it-kafka");
                broker = new EmbeddedKafkaBroker(dir, 0);
                broker.start();
                Runtime.getRuntime().addShutdownHook(new Thread(broker::stop));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return broker.bootstrapServers();
    }

    /** Waits until the consumer group has {@code members} members, each holding partitions of its own. */
    public static void awaitMembersWithPartitions(String group, int members) {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                java.util.Map.of("bootstrap.servers", bootstrapServers()))) {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(1))
                    .pollInterval(java.time.Duration.ofMillis(200)).until(() -> {
                        org.apache.kafka.clients.admin.ConsumerGroupDescription d =
                                admin.describeConsumerGroups(java.util.List.of(group)).all().get().get(group);
                        return d.members().size() == members
                                && d.members().stream().allMatch(m -> !m.assignment().topicPartitions().isEmpty());
                    });
        }
    }
}
