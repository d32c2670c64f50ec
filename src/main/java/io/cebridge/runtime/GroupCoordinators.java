package io.cebridge.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the broker for the delivery groups' coordinator before the consumers do, so the coordinator is ready when
 * they join: on a broker's first start that makes the broker create its offsets topic while Camel boots, instead of
 * after the first consumer asked (the group join of a first `run --once` took 0.5-0.7 s, most of it that creation).
 * Only a question: nothing is joined, committed or changed that the consumers would not make anyway.
 */
final class GroupCoordinators {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCoordinators.class);

    private GroupCoordinators() {
    }

    /** Asks without waiting for the answer; closing the result closes the client it asked with. */
    static AutoCloseable prepare(String bootstrapServers, List<String> groups) {
        if (groups.isEmpty()) {
            return () -> { };
        }
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "ce-bridge-coordinator-lookup");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        Admin admin = Admin.create(p);
        long begin = System.nanoTime();
        admin.describeConsumerGroups(groups).all().whenComplete((described, failure) -> LOG.debug(
                "delivery groups' coordinator {} after {} ms", failure == null ? "ready" : "not found (" + failure + ")",
                Duration.ofNanos(System.nanoTime() - begin).toMillis()));
        return () -> admin.close(Duration.ZERO);
    }
}
