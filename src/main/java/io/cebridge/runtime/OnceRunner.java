package io.cebridge.runtime;

import io.cebridge.flow.FlowStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * `run --once`: waits until every enabled flow has finished one poll cycle and its delivery consumer group has
 * committed up to the end of the topic (everything read is delivered or dead-lettered), or until a route fails.
 * The group's committed offsets are read for every partition of the topic, whichever of the flow's delivery consumers
 * (bridge.flows.FLOW.delivery-consumers) holds it: the run ends only when each of them has committed its last batch.
 */
public final class OnceRunner {
    /** How soon the end of a run is seen; a small run's wall time includes up to one of these. */
    private static final Duration CHECK_INTERVAL = Duration.ofMillis(50);
    /** The broker is asked at least this often even while the counters say records are still on their way. */
    private static final Duration ASK_ANYWAY = Duration.ofSeconds(1);
    private final BridgeRuntime runtime;
    private final Duration timeout;

    public OnceRunner(BridgeRuntime runtime, Duration timeout) {
        this.runtime = runtime;
        this.timeout = timeout;
    }

    /** Empty when all flows settled; otherwise the reason the run failed. */
    public Optional<String> await() throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, runtime.bootstrapServers());
        try (Admin admin = Admin.create(p)) {
            for (String flow : runtime.flows()) {
                Optional<String> failed = awaitFlow(admin, flow, deadline);
                if (failed.isPresent()) {
                    return failed;
                }
            }
        }
        return Optional.empty();
    }

    private Optional<String> awaitFlow(Admin admin, String flow, Instant deadline) throws Exception {
        FlowStats.Counters c = runtime.stats().of(flow);
        String topic = runtime.topicPrefix() + flow;
        String group = topic + "-delivery";
        long askedAt = 0;
        while (true) {
            for (Map.Entry<String, String> f : runtime.failures().all().entrySet()) {
                if (f.getKey().startsWith(flow + "-")) {
                    return Optional.of(flow + ": " + f.getValue());
                }
            }
            // the broker's offsets decide; the flow's own counters only say when asking is worth it, so the end of a
            // run is seen within one check interval without asking the broker many times a second through a long run
            long now = System.nanoTime();
            boolean mayBeSettled = c.settled() >= c.read.get();
            if (c.pollCycles.get() > 0 && (mayBeSettled || now - askedAt >= ASK_ANYWAY.toNanos())) {
                askedAt = now;
                // letters marked for retry (`dlq retry`, `dlq edit`) are sent after the first poll: wait until they are
                if (runtime.store().deadLetters().retryRequested(flow).isEmpty()
                        && lag(admin, topic, group) <= 0) { // -1: nothing was ever published
                    return Optional.empty();
                }
            }
            if (Instant.now().isAfter(deadline)) {
                return Optional.of(flow + ": not settled within " + timeout + " (" + c.settled() + " of " + c.read.get()
                        + " records settled)");
            }
            Thread.sleep(CHECK_INTERVAL.toMillis()); // polling the flow's progress; the run itself is not timed by this
        }
    }

    /** Records on the topic not yet committed by the delivery group; -1 when the topic does not exist yet. */
    static long lag(Admin admin, String topic, String group) throws Exception {
        Map<String, TopicDescription> d;
        try {
            d = admin.describeTopics(List.of(topic)).allTopicNames().get();
        } catch (java.util.concurrent.ExecutionException e) {
            return -1;
        }
        List<TopicPartition> parts = new ArrayList<>();
        d.get(topic).partitions().forEach(pi -> parts.add(new TopicPartition(topic, pi.partition())));
        Map<TopicPartition, OffsetSpec> req = new java.util.HashMap<>();
        parts.forEach(tp -> req.put(tp, OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(req).all().get();
        Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        long lag = 0;
        for (TopicPartition tp : parts) {
            long end = ends.get(tp).offset();
            OffsetAndMetadata om = committed.get(tp);
            lag += end - (om == null ? 0 : om.offset());
        }
        return lag;
    }
}
