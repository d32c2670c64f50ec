package io.cebridge.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A part started in the background reports its failure as it would have on the main thread. */
class BackgroundStartTest {
    @Test
    void awaitGivesThePartsResultOrItsOwnException() throws Exception {
        assertThat(BackgroundStart.await(BackgroundStart.run("test-part", () -> "up"))).isEqualTo("up");
        CompletableFuture<String> failed = BackgroundStart.run("test-part", () -> {
            throw new IOException("cannot prepare Kafka log directory");
        });
        // not wrapped: StartFailure prints the part's own message, and a ConfigException keeps exit code 2
        assertThatThrownBy(() -> BackgroundStart.await(failed)).isExactlyInstanceOf(IOException.class)
                .hasMessage("cannot prepare Kafka log directory");
        assertThat(BackgroundStart.awaitQuietly(failed)).isNull();
    }

    @Test
    void thePartRunsOnADaemonThreadOfItsName() throws Exception {
        Thread t = BackgroundStart.await(BackgroundStart.run("ce-bridge-test-start", Thread::currentThread));
        assertThat(t.getName()).isEqualTo("ce-bridge-test-start");
        assertThat(t.isDaemon()).isTrue();
    }
}
