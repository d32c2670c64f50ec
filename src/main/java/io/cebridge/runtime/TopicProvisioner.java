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
 * bridge.kafka.retention and takes messages up to bridge.kafka.max-message-size (its max.message.bytes, the same
 * figure as the producer's max.request.size, so what the producer sends the broker takes, on the embedded broker and
 * on an external cluster alike): set at creation, and changed on a topic that exists with other values.
 */
final class TopicProvisioner {
    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);

    private TopicProvisioner() {
    }

    static void ensure(String bootstrapServers, List<String> topics, Duration retention, Duration timeout) {
        ensure(bootstrapServers, topics, retention, 1_048_576, timeout);
    }

    static void ensure(String bootstrapServers, List<String> topics, Duration retention, int maxMessageBytes,
                       Duration timeout) {
        if (topics.isEmpty()) {
            return;
        }
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        // each setting with the key that sets it, named when a change is logged or refused
        Map<String, String> wanted = Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis()),
                TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(maxMessageBytes));
        try (Admin admin = Admin.create(p)) {
            List<String> existing = new ArrayList<>();
            for (String t : topics) {
                try {
                    // the cluster's defaults decide partitions and replication
                    admin.createTopics(List.of(new NewTopic(t, Optional.empty(), Optional.empty())
                            .configs(wanted))).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create Kafka topic " + t + " at " + bootstrapServers + ": "
                                + e.getCause().getMessage(), e.getCause());
                    }
                    existing.add(t);
                }
            }
            applyConfigs(admin, existing, wanted);
            Instant deadline = Instant.now().plus(timeout);
            while (!allLed(admin, topics)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Kafka topics " + topics + " have no leader after " + timeout);
                }
                Thread.sleep(25); // waiting for the controller to elect leaders of new partitions (tens of ms)
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating Kafka topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka at " + bootstrapServers + " is not reachable: " + e.getCause().getMessage(),
                    e.getCause());
        }
    }

    /** Existing topics whose settings differ get the configured ones (the keys were changed, or an older version). */
    private static void applyConfigs(Admin admin, List<String> topics, Map<String, String> wanted)
            throws InterruptedException {
        for (String t : topics) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, t);
            try {
                Config current = admin.describeConfigs(List.of(topic)).all().get().get(topic);
                List<AlterConfigOp> changes = new ArrayList<>();
                for (Map.Entry<String, String> w : wanted.entrySet()) {
                    ConfigEntry entry = current == null ? null : current.get(w.getKey());
                    String was = entry == null ? null : entry.value();
                    if (!w.getValue().equals(was)) {
                        changes.add(new AlterConfigOp(new ConfigEntry(w.getKey(), w.getValue()), AlterConfigOp.OpType.SET));
                        LOG.info("Kafka topic {}: {} {} -> {} ({})", t, w.getKey(), was, w.getValue(), key(w.getKey()));
                    }
                }
                if (!changes.isEmpty()) {
                    admin.incrementalAlterConfigs(Map.of(topic, changes)).all().get();
                }
            } catch (ExecutionException e) {
                throw new IllegalStateException("cannot set " + wanted + " on Kafka topic " + t + " ("
                        + io.cebridge.config.BridgeKeys.KAFKA_RETENTION.name() + ", "
                        + io.cebridge.config.BridgeKeys.KAFKA_MAX_MESSAGE_SIZE.name() + "): " + e.getCause().getMessage(),
                        e.getCause());
            }
        }
    }

    private static String key(String topicConfig) {
        return TopicConfig.RETENTION_MS_CONFIG.equals(topicConfig) ? io.cebridge.config.BridgeKeys.KAFKA_RETENTION.name()
                : io.cebridge.config.BridgeKeys.KAFKA_MAX_MESSAGE_SIZE.name();
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
