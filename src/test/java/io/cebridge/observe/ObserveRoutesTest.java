package io.cebridge.observe;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** Liveness follows Camel: up while it starts and runs, down once it is stopped under a process that still answers. */
class ObserveRoutesTest {
    @Test
    void livenessIsUpWhileCamelRunsAndDownOnceItStopped() throws Exception {
        assertThat(ObserveRoutes.liveness(null)).containsEntry("status", "UP"); // Camel Main has not made it yet
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.start();
            assertThat(ObserveRoutes.liveness(camel)).containsEntry("status", "UP").containsEntry("camel", "Started");
            camel.suspend();
            assertThat(ObserveRoutes.liveness(camel)).containsEntry("status", "DOWN");
            camel.resume();
            camel.stop();
            assertThat(ObserveRoutes.liveness(camel)).containsEntry("status", "DOWN").containsEntry("camel", "Stopped");
        }
    }
}
