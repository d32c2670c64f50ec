package io.cebridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cebridge.config.BridgeConfig;
import io.cebridge.it.SharedKafka;
import io.cebridge.it.TestErp;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guards: `run --once` reporting success, hanging, retrying, or leaving the embedded broker it started beside the checks
 * running, when the CRM cannot be reached.
 */
class RunOnceFailureIT {
    @TempDir
    Path tmp;

    @Test
    void unreachableCrmEndsTheRunWithExitCode1AndTheReason() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (TestErp erp = TestErp.create(TestErp.Kind.H2, tmp)) {
            Map<String, String> o = new HashMap<>();
            o.put("bridge.data-dir", tmp.resolve("data").toString());
            o.put("bridge.kafka.bootstrap-servers", SharedKafka.bootstrapServers());
            o.put("bridge.kafka.topic-prefix", "it-unreachable.");
            o.put("bridge.crm.salesforce.login-url", "http://127.0.0.1:" + closedPort);
            o.put("bridge.crm.salesforce.allow-insecure-http", "true");
            o.put("bridge.crm.salesforce.client-id", "x");
            o.put("bridge.crm.salesforce.client-secret", "never-printed-secret");
            o.put("bridge.erp.jdbc-url", erp.url);
            o.put("bridge.retry.max-attempts", "2");
            o.put("bridge.retry.initial-delay", "10ms");
            BridgeConfig cfg = BridgeConfig.load(null, Map.of(), new Properties(), o);
            Outcome run = runCapturingErr(cfg);
            int code = run.code();
            String e = run.err();
            assertThat(code).isEqualTo(1);
            // one try before anything starts, naming the key to fix; no retries, no stack trace
            assertThat(e).contains("ce-bridge did not start")
                    .contains("bridge.crm.salesforce.login-url").contains("Salesforce not reachable")
                    .doesNotContain("never-printed-secret").doesNotContain("\tat ");
        }
    }

    @Test
    void aFailedCheckStopsTheEmbeddedBrokerThatStartedMeanwhile() throws Exception {
        int closedPort;
        int brokerPort;
        try (ServerSocket a = new ServerSocket(0); ServerSocket b = new ServerSocket(0)) {
            closedPort = a.getLocalPort();
            brokerPort = b.getLocalPort();
        }
        try (TestErp erp = TestErp.create(TestErp.Kind.H2, tmp)) {
            Map<String, String> o = new HashMap<>();
            o.put("bridge.data-dir", tmp.resolve("data").toString());
            o.put("bridge.kafka.embedded-port", Integer.toString(brokerPort)); // no bootstrap: embedded
            o.put("bridge.crm.salesforce.login-url", "http://127.0.0.1:" + closedPort);
            o.put("bridge.crm.salesforce.allow-insecure-http", "true");
            o.put("bridge.crm.salesforce.client-id", "x");
            o.put("bridge.crm.salesforce.client-secret", "never-printed-secret");
            o.put("bridge.erp.jdbc-url", erp.url);
            BridgeConfig cfg = BridgeConfig.load(null, Map.of(), new Properties(), o);
            Outcome run = runCapturingErr(cfg);
            int code = run.code();
            String e = run.err();
            assertThat(code).isEqualTo(1);
            assertThat(e).contains("ce-bridge did not start")
                    .contains("bridge.crm.salesforce.login-url").doesNotContain("never-printed-secret");
            // the broker started while the CRM was tried, and was stopped before runWith returned: its port is free
            assertThat(tmp.resolve("data").resolve("kafka").resolve("meta.properties")).exists();
            try (ServerSocket again = new ServerSocket()) {
                again.bind(new java.net.InetSocketAddress("127.0.0.1", brokerPort));
                assertThat(again.isBound()).isTrue();
            }
        }
    }

    /** What `run --once` returned and printed on stderr. */
    private record Outcome(int code, String err) {
    }

    private static Outcome runCapturingErr(BridgeConfig cfg) throws Exception {
        PrintStream err = System.err;
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            return new Outcome(RunCommand.runWith(cfg, true, Duration.ofMinutes(2)), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(err);
        }
    }
}
