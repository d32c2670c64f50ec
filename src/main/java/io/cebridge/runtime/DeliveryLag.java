package io.cebridge.runtime;

import io.cebridge.config.BridgeConfig;
import io.cebridge.config.BridgeKeys;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Kafka consumer lag of flows' delivery: records on a flow's topic ({@code <topic-prefix><flow>}) that its delivery
 * consumer group ({@code <topic-prefix><flow>-delivery}, as the route templates name it) has not committed yet.
 * Every call is bounded by {@link #TIMEOUT}: an unreachable broker gives no figure, never a hang.
 */
public final class DeliveryLag implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(3);
    private final AdminClient admin;
    private final String prefix;

    public DeliveryLag(String bootstrapServers, String topicPrefix) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "ce-bridge-status");
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        p.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        this.admin = AdminClient.create(p);
        this.prefix = topicPrefix;
    }

    /**
     * The configured brokers, else the address of the embedded broker kept under the data dir (it listens while an
     * instance runs), else null.
     */
    public static String bootstrapServers(BridgeConfig cfg) {
        String configured = cfg.get(BridgeKeys.KAFKA_BOOTSTRAP);
        if (!configured.isBlank()) {
            return configured;
        }
        int port = BrokerPorts.rememberedBroker(cfg.dataDir().resolve("kafka"));
        return port > 0 ? BrokerPorts.HOST + ":" + port : null;
    }

    /** The lag of each of {@code flows} whose topic exists; flows missing from the answer have no figure. */
    public Map<String, Long> lag(List<String> flows) {
        Map<String, Long> out = new HashMap<>();
        try {
            List<String> topics = flows.stream().map(f -> prefix + f).toList();
            Map<String, TopicDescription> described = new HashMap<>();
            admin.describeTopics(topics).topicNameValues().forEach((topic, future) -> {
                try {
                    described.put(topic, future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
                } catch (Exception e) {
                    // no such topic yet (the flow never ran): no figure
                }
            });
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            described.values().forEach(d -> d.partitions().forEach(p -> ends.put(new TopicPartition(d.name(), p.partition()),
                    OffsetSpec.latest())));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end = admin.listOffsets(ends).all()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            for (String flow : flows) {
                if (!described.containsKey(prefix + flow)) {
                    continue;
                }
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(prefix + flow + "-delivery")
                        .partitionsToOffsetAndMetadata().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                long lag = 0;
                for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e : end.entrySet()) {
                    if (e.getKey().topic().equals(prefix + flow)) {
                        OffsetAndMetadata c = committed.get(e.getKey());
                        lag += Math.max(0, e.getValue().offset() - (c == null ? 0 : c.offset()));
                    }
                }
                out.put(flow, lag);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // broker not reachable within the timeout: the figures found so far
        }
        return out;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
