package io.cebridge.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cebridge.demo.DemoAccountStore;
import io.cebridge.demo.DemoSalesforceServer;
import io.cebridge.runtime.Redelivery;
import io.cebridge.it.BridgeHarness;
import io.cebridge.it.LogCapture;
import io.cebridge.it.TestErp;
import io.cebridge.it.ThrowawayPostgres;
import io.cebridge.runtime.BridgeRuntime;
import io.cebridge.flow.FlowStats;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// Guards: the ERP PostgreSQL server down for tens of seconds mid-load losing, doubling or dead-lettering records,
// or /health not showing the ERP DOWN during the outage and UP after it.
class ErpServerStopIT {
    private static final int ACCOUNTS = 4_000;
    @TempDir
    Path tmp;

    @Test
    void anErpServerDownForTensOfSecondsMidLoadLosesDoublesAndDeadLettersNothing() throws Exception {
        DemoAccountStore accounts = DemoAccountStore.empty(Clock.systemUTC());
        for (int i = 0; i < ACCOUNTS; i++) {
            accounts.create(Map.of("Name", "Server Stop Customer " + i));
        }
        // the shared server on 5432 serves other tests and workers: only a cluster of this test's own may be stopped
        try (ThrowawayPostgres pg = ThrowawayPostgres.start();
             TestErp erp = TestErp.createPostgres(pg.serverUrl());
             DemoSalesforceServer crm = new DemoSalesforceServer(accounts, "it-client", "it-secret");
             LogCapture retries = LogCapture.of(Redelivery.class)) {
            crm.start(0);
            BridgeHarness h = new BridgeHarness(tmp.resolve("data"), crm.loginUrl(), "it-secret", erp);
            // The shipped retry settings (8 retries, 1 s doubling to 30 s), not the harness's quick-fail ones: while the
            // server is down each attempt also waits out the pool's 10 s connection timeout, so they ride out
            // about 3 minutes -- the outage (~20-35 s) fits, and this is what a production deployment would do.
            h.overrides.remove("bridge.retry.max-attempts");
            h.overrides.remove("bridge.retry.initial-delay");
            h.overrides.remove("bridge.retry.max-delay");
            h.overrides.put("bridge.flows.customer-master.batch-size", "200");
            try (BridgeRuntime runtime = new BridgeRuntime(h.config(), false)) {
                runtime.start();
                FlowStats.Counters counters = runtime.stats().of("customer-master");
                await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(20))
                        .until(() -> erp.customerCount() >= ACCOUNTS / 5);
                long stoppedAt = System.nanoTime();
                pg.stopImmediately();
                long deliveredWhenStopped = counters.delivered.get();
                io.cebridge.it.HealthProbe health = new io.cebridge.it.HealthProbe(runtime.httpPort());
                health.awaitDown("erp", Duration.ofSeconds(30));
                // Down until the runtime has failed three ERP writes in a row: the first may fail at once on the
                // broken session, each later one only after the pool's 10 s connection timeout, so >= ~20 s.
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                        .until(() -> retries.count("-delivery: erp:") >= 3);
                double downSeconds = (System.nanoTime() - stoppedAt) / 1e9;
                pg.startServer();
                health.awaitUp(Duration.ofSeconds(60));
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() -> erp.customerCount() == ACCOUNTS
                        && accounts.all().stream().allMatch(a -> a.get("ERP_Customer_No__c") != null));
                System.out.printf("ErpServerStopIT: ERP server down %.1f s after %d of %d accounts, %d retries logged,"
                        + " all delivered %.1f s after the stop%n", downSeconds, deliveredWhenStopped, ACCOUNTS,
                        retries.count("-delivery: erp:"), (System.nanoTime() - stoppedAt) / 1e9);
                assertThat(deliveredWhenStopped).as("stopped mid-load").isLessThan(ACCOUNTS);
                assertThat(downSeconds).as("seconds the ERP server was down").isGreaterThanOrEqualTo(20);
                assertThat(runtime.store().deadLetters().list(null, true)).isEmpty();
                assertThat(counters.deadLettered.get()).isZero();
            }
            Map<String, String> numbers = new HashMap<>();
            try (Connection c = erp.dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT crm_account_id, customer_no FROM erp_customer")) {
                while (rs.next()) {
                    assertThat(numbers.put(rs.getString(1), rs.getString(2))).as("one ERP row per account").isNull();
                }
            }
            assertThat(numbers).hasSize(ACCOUNTS);
            for (Map<String, Object> a : accounts.all()) {
                assertThat(a.get("ERP_Customer_No__c")).as("write-back of " + a.get("Id")).isEqualTo(numbers.get(a.get("Id")));
            }
        }
    }
}
