package io.cebridge.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the flows' topics before any route produces to them and waits until every partition has a leader.
 * Relying on auto-creation lets an idempotent producer's first batches race the partition's creation, which
 * ends in OUT_OF_ORDER_SEQUENCE_NUMBER retries until the delivery timeout.
 */
final class TopicProvisioner {
    private TopicProvisioner() {
    }

    static void ensure(String bootstrapServers, List<String> topics, Duration timeout) {
        if (topics.isEmpty()) {
            return;
        }
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        try (Admin admin = Admin.create(p)) {
            for (String t : topics) {
                try {
                    // the cluster's defaults decide partitions and replication
                    admin.createTopics(List.of(new NewTopic(t, Optional.empty(), Optional.empty()))).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create Kafka topic " + t + " at " + bootstrapServers + ": "
                                + e.getCause().getMessage(), e.getCause());
                    }
                }
            }
            Instant deadline = Instant.now().plus(timeout);
            while (!allLed(admin, topics)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Kafka topics " + topics + " have no leader after " + timeout);
                }
                Thread.sleep(100); // waiting for the controller to elect leaders of new partitions
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating Kafka topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka at " + bootstrapServers + " is not reachable: " + e.getCause().getMessage(),
                    e.getCause());
        }
    }

    private static boolean allLed(Admin admin, List<String> topics) throws InterruptedException, ExecutionException {
        try {
            Map<String, TopicDescription> d = admin.describeTopics(topics).allTopicNames().get();
            return d.values().stream().allMatch(t -> t.partitions().stream().allMatch(pi -> pi.leader() != null));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException) {
                return false;
            }
            throw e;
        }
    }
}
