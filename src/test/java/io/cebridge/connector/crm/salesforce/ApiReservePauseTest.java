package io.cebridge.connector.crm.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cebridge.config.Secret;
import io.cebridge.demo.DemoAccountStore;
import io.cebridge.demo.DemoSalesforceServer;
import io.cebridge.error.RetriableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The reserve against the demo org's Sforce-Limit-Info: calls stop before it, a probe resumes them. */
class ApiReservePauseTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-30T10:00:00Z"));

    @Test
    void callsStopAtTheReserveNeverUseItAndResumeWhenTheRollingUsageFalls() {
        DemoAccountStore accounts = DemoAccountStore.empty(Clock.systemUTC());
        accounts.create(Map.of("Name", "Reserve Customer"));
        try (DemoSalesforceServer crm = new DemoSalesforceServer(accounts, "c", "s")) {
            crm.dailyApiLimit(20);
            crm.start(0);
            SalesforceClient client = new SalesforceClient(crm.loginUrl(), "c", new Secret("s"), "60.0",
                    Duration.ofSeconds(5), 2000, HostPolicy.localStandIn());
            client.bulk(10_000, ApiReserve.parse("25%", clock()));
            RetriableException paused = null;
            for (int i = 0; i < 30 && paused == null; i++) {
                try {
                    client.query("SELECT Id FROM Account");
                } catch (RetriableException e) {
                    paused = e;
                }
            }

            assertThat(paused).as("paused before the limit").isNotNull();
            assertThat(paused.getMessage()).contains("reserve of 5 of 20");
            assertThat(crm.apiCalls()).as("the reserve of 5 calls is left").isEqualTo(15);
            assertThat(client.apiUsage().paused()).isTrue();
            assertThatThrownBy(() -> client.query("SELECT Id FROM Account")).isInstanceOf(RetriableException.class);
            assertThat(crm.apiCalls()).isEqualTo(15);

            crm.dailyApiLimit(1000); // the calls of a day ago left the rolling window
            now.set(now.get().plus(ApiReserve.PROBE_INTERVAL));
            client.query("SELECT Id FROM Account"); // the probe: its answer shows room again
            client.query("SELECT Id FROM Account");
            assertThat(client.apiUsage().paused()).isFalse();
            assertThat(client.apiUsage().pauses()).isEqualTo(1);
            assertThat(crm.apiCalls()).isEqualTo(17);
        }
    }

    private Clock clock() {
        return new Clock() {
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            public Instant instant() {
                return now.get();
            }
        };
    }
}
