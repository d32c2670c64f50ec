package io.cebridge.observe;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ce_bridge_flow_lag_records{flow}: records on a flow's topic that its delivery consumer group has not committed
 * yet, summed over partitions (a partition the group never committed counts from its first retained offset).
 * Topic {prefix}{flow}, group {prefix}{flow}-delivery: the names both route templates use.
 */
final class ConsumerLag implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerLag.class);
    static final Duration TIMEOUT = Duration.ofSeconds(2);
    private final AdminClient kafka;
    private final String topicPrefix;

    ConsumerLag(String bootstrapServers, String topicPrefix) {
        this.topicPrefix = topicPrefix;
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "ce-bridge-metrics");
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        p.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        this.kafka = AdminClient.create(p);
    }

    /** Lag per flow; a flow whose lag cannot be read now (Kafka down, topic missing) is left out. */
    Map<String, Long> lags(List<String> flows) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String flow : flows) {
            try {
                out.put(flow, lag(flow));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return out;
            } catch (Exception e) {
                LOG.debug("lag of flow {} not read: {}", flow, e.toString());
            }
        }
        return out;
    }

    private long lag(String flow) throws Exception {
        String topic = topicPrefix + flow;
        TopicDescription description = kafka.describeTopics(List.of(topic)).allTopicNames()
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic);
        List<TopicPartition> partitions = description.partitions().stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        Map<TopicPartition, OffsetAndMetadata> committed = kafka
                .listConsumerGroupOffsets(topic + DeliveryBatchTimer.DELIVERY_GROUP_SUFFIX)
                .partitionsToOffsetAndMetadata().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, Long> end = offsets(partitions, OffsetSpec.latest());
        Map<TopicPartition, Long> start = offsets(partitions, OffsetSpec.earliest());
        long lag = 0;
        for (TopicPartition tp : partitions) {
            OffsetAndMetadata c = committed.get(tp);
            long from = c == null ? start.get(tp) : Math.max(c.offset(), start.get(tp));
            lag += Math.max(0, end.get(tp) - from);
        }
        return lag;
    }

    private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, spec));
        return kafka.listOffsets(request, new ListOffsetsOptions().timeoutMs((int) TIMEOUT.toMillis())).all()
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    @Override
    public void close() {
        kafka.close(Duration.ofSeconds(5));
    }
}
