package io.cebridge.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The demo CRM's latency mode: every API call answered late, and Salesforce's rule for long-running calls. */
class DemoServerLatencyTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:15:30.123Z"));
    // callers of their own: the common pool may have a single thread on a small machine
    private final ExecutorService callers = Executors.newFixedThreadPool(8);
    private DemoSalesforceServer server;

    @AfterEach
    void stop() {
        callers.shutdownNow();
        server.close();
    }

    private DemoCrmClient start(DemoSalesforceServer s) {
        server = s;
        server.start(0);
        return new DemoCrmClient(server.loginUrl()).login("demo-client", "demo-secret");
    }

    private DemoSalesforceServer demo() {
        return new DemoSalesforceServer(DemoAccountStore.seeded(clock), "demo-client", "demo-secret");
    }

    @Test
    void manyShortCallsAtOnceAreAnsweredLateButNeverRefused() {
        DemoCrmClient client = start(demo().withLatency(Duration.ofMillis(200), 2));
        long begun = System.nanoTime();
        List<CompletableFuture<DemoCrmClient.Response>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> client.query("SELECT Id FROM Account"), callers));
        }

        // more calls at once than the long-call limit: Salesforce limits only calls of 20 s or longer
        calls.forEach(c -> assertThat(c.join().status()).isEqualTo(200));
        assertThat(Duration.ofNanos(System.nanoTime() - begun)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(server.longCallRefusals()).isZero();
        assertThat(server.apiCalls()).isEqualTo(8);
    }

    @Test
    void whileTheLimitOfLongCallsRunsANewCallIsRefusedAsSalesforceRefusesIt() {
        // calls count as long after 100 ms here (20 s at Salesforce); each call takes 3 s
        DemoCrmClient client = start(demo().withLatency(Duration.ofSeconds(3), 2, Duration.ofMillis(100)));
        CompletableFuture<DemoCrmClient.Response> first =
                CompletableFuture.supplyAsync(() -> client.query("SELECT Id FROM Account"), callers);
        CompletableFuture<DemoCrmClient.Response> second =
                CompletableFuture.supplyAsync(() -> client.query("SELECT Id FROM Account"), callers);
        await().atMost(Duration.ofSeconds(3)).until(() -> server.longCallsInProgress() == 2);

        DemoCrmClient.Response refused = client.query("SELECT Id FROM Account");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get(0).get("errorCode").asText()).isEqualTo("REQUEST_LIMIT_EXCEEDED");
        assertThat(refused.json().get(0).get("message").asText()).isEqualTo("ConcurrentPerOrgLongTxn Limit exceeded.");
        assertThat(server.longCallRefusals()).isEqualTo(1);
        // the long calls themselves are answered, and once they are done new calls are taken again
        assertThat(first.join().status()).isEqualTo(200);
        assertThat(second.join().status()).isEqualTo(200);
        assertThat(client.query("SELECT Id FROM Account").status()).isEqualTo(200);
        assertThat(server.apiCalls()).isEqualTo(3);
    }

    @Test
    void withoutTheLatencyModeNothingIsCountedOrRefused() {
        DemoCrmClient client = start(demo());

        assertThat(client.query("SELECT Id FROM Account").status()).isEqualTo(200);
        assertThat(server.longCallsInProgress()).isZero();
        assertThat(server.longCallRefusals()).isZero();
    }
}
