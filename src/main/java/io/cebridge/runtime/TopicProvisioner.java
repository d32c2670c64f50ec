package io.cebridge.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the flows' topics before any route produces to them and waits until every partition has a leader.
 * Relying on auto-creation lets an idempotent producer's first batches race the partition's creation, which
 * ends in OUT_OF_ORDER_SEQUENCE_NUMBER retries until the delivery timeout. Every topic keeps records for
 * bridge.kafka.retention: set at creation, and changed on a topic that exists with another retention.
 */
final class TopicProvisioner {
    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);

    private TopicProvisioner() {
    }

    static void ensure(String bootstrapServers, List<String> topics, Duration retention, Duration timeout) {
        if (topics.isEmpty()) {
            return;
        }
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        String retentionMs = Long.toString(retention.toMillis());
        try (Admin admin = Admin.create(p)) {
            List<String> existing = new ArrayList<>();
            for (String t : topics) {
                try {
                    // the cluster's defaults decide partitions and replication
                    admin.createTopics(List.of(new NewTopic(t, Optional.empty(), Optional.empty())
                            .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, retentionMs)))).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create Kafka topic " + t + " at " + bootstrapServers + ": "
                                + e.getCause().getMessage(), e.getCause());
                    }
                    existing.add(t);
                }
            }
            applyRetention(admin, existing, retentionMs);
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

    /** Existing topics whose retention.ms differs get the configured one (bridge.kafka.retention was changed). */
    private static void applyRetention(Admin admin, List<String> topics, String retentionMs) throws InterruptedException {
        for (String t : topics) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, t);
            try {
                Config current = admin.describeConfigs(List.of(topic)).all().get().get(topic);
                ConfigEntry entry = current == null ? null : current.get(TopicConfig.RETENTION_MS_CONFIG);
                String was = entry == null ? null : entry.value();
                if (retentionMs.equals(was)) {
                    continue;
                }
                admin.incrementalAlterConfigs(Map.of(topic, List.of(new AlterConfigOp(
                        new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, retentionMs), AlterConfigOp.OpType.SET))))
                        .all().get();
                LOG.info("Kafka topic {}: retention.ms {} -> {} ({})", t, was, retentionMs,
                        io.cebridge.config.BridgeKeys.KAFKA_RETENTION.name());
            } catch (ExecutionException e) {
                throw new IllegalStateException("cannot set retention.ms of Kafka topic " + t + " to " + retentionMs
                        + " (" + io.cebridge.config.BridgeKeys.KAFKA_RETENTION.name() + "): " + e.getCause().getMessage(),
                        e.getCause());
            }
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
