package io.cebridge.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Guards: ce-bridge's topics keeping records past bridge.kafka.retention, also a topic that existed with another retention. */
class TopicRetentionIT {
    @TempDir
    Path dir;

    @Test
    void newTopicsGetTheRetentionAndExistingOnesAreChangedToIt() throws Exception {
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dir, 0)) {
            broker.start();
            String bootstrap = broker.bootstrapServers();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                // a topic from an earlier version (no retention of its own) and one set by hand to a week
                admin.createTopics(List.of(new NewTopic("cb.old-default", Optional.empty(), Optional.empty()),
                        new NewTopic("cb.by-hand", Optional.empty(), Optional.empty())
                                .configs(Map.of("retention.ms", Long.toString(Duration.ofDays(7).toMillis())))))
                        .all().get();

                TopicProvisioner.ensure(bootstrap, List.of("cb.new", "cb.old-default", "cb.by-hand"), Duration.ofDays(2),
                        Duration.ofSeconds(60));
                for (String t : List.of("cb.new", "cb.old-default", "cb.by-hand")) {
                    hasRetention(admin, t, Duration.ofDays(2));
                }

                // the key changed: the next start applies the new value to every topic
                TopicProvisioner.ensure(bootstrap, List.of("cb.new", "cb.by-hand"), Duration.ofHours(36),
                        Duration.ofSeconds(60));
                hasRetention(admin, "cb.new", Duration.ofHours(36));
                hasRetention(admin, "cb.by-hand", Duration.ofHours(36));
                assertThat(retentionMs(admin, "cb.old-default")).as("not ce-bridge's any more: left alone")
                        .isEqualTo(Duration.ofDays(2).toMillis());
            }
        }
    }

    /** The broker applies a committed config change from its metadata log a moment after the controller answers. */
    private static void hasRetention(Admin admin, String topic, Duration retention) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                assertThat(retentionMs(admin, topic)).as(topic).isEqualTo(retention.toMillis()));
    }

    private static long retentionMs(Admin admin, String topic) throws Exception {
        ConfigResource r = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return Long.parseLong(admin.describeConfigs(List.of(r)).all().get().get(r).get("retention.ms").value());
    }
}
