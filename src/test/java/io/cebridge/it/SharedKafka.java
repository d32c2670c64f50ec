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
}
