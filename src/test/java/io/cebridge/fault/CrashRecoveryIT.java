package io.cebridge.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cebridge.config.Secret;
import io.cebridge.demo.DemoAccountStore;
import io.cebridge.demo.DemoSalesforceServer;
import io.cebridge.it.ChildRuntime;
import io.cebridge.it.TestErp;
import io.cebridge.store.Pools;
import io.cebridge.store.StateStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guards: records lost, duplicated in the ERP, or left without their ERP number when the runtime process is killed
 * with SIGKILL (twice) or stopped with SIGTERM in the middle of an initial load and started again (the real jar, as a
 * child process).
 */
class CrashRecoveryIT {
    private static final int ACCOUNTS = 20_000;
    @TempDir
    Path tmp;

    @Test
    void killedTwiceDuringAnInitialLoadThenEverythingIsDeliveredOnce() throws Exception {
        DemoAccountStore accounts = DemoAccountStore.empty(Clock.systemUTC());
        for (int i = 0; i < ACCOUNTS; i++) {
            accounts.create(Map.of("Name", "Crash Test Customer " + i, "Phone", "+86 138 " + String.format("%04d %04d",
                    i / 10_000, i % 10_000), "BillingCountry", "中国", "CurrencyIsoCode", "CNY"));
        }
        try (TestErp erp = TestErp.create(TestErp.Kind.POSTGRESQL, tmp);
             DemoSalesforceServer crm = new DemoSalesforceServer(accounts, "it-client", "it-secret")) {
            crm.start(0);
            ChildRuntime child = new ChildRuntime(tmp, crm.loginUrl(), erp,
                    Map.of("bridge.flows.customer-master.poll-interval", "1s"));

            long t0 = System.nanoTime();
            Process first = child.start(1);
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
                    .until(() -> erp.customerCount() >= ACCOUNTS / 5);
            ChildRuntime.kill(first);
            long afterFirstKill = erp.customerCount();

            Process second = child.start(2);
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
                    .until(() -> erp.customerCount() >= Math.max(afterFirstKill + 1, ACCOUNTS * 3 / 5));
            ChildRuntime.kill(second);

            // SIGTERM with work in flight: the process finishes its batch and exits within the shutdown timeout
            Process third = child.start(3);
            long afterSecondKill = erp.customerCount();
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
                    .until(() -> erp.customerCount() > afterSecondKill);
            third.destroy();
            assertThat(third.waitFor(40, TimeUnit.SECONDS)).as("graceful stop within the 30 s shutdown timeout").isTrue();

            Process fourth = child.start(4);
            try {
                // normally about 30 s; the bound is generous because what this guards is loss and doubling, and a slow
                // 2-core CI machine once needed more than 3 minutes here (the child's log is printed if it ever stalls)
                await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200)).until(() -> erp.customerCount()
                        == ACCOUNTS && accounts.all().stream().allMatch(a -> a.get("ERP_Customer_No__c") != null));
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                // the child's own log is the only account of why it stalled: show its end before failing
                System.out.println("CrashRecoveryIT: ERP rows " + erp.customerCount() + " of " + ACCOUNTS + "; the last"
                        + " lines of run 4:\n" + child.tail(4, 80));
                throw e;
            }
            System.out.printf("CrashRecoveryIT: %d accounts, two SIGKILLs and a SIGTERM, all delivered after %.1f s%n",
                    ACCOUNTS, (System.nanoTime() - t0) / 1e9);
            fourth.destroy(); // SIGTERM: graceful
            assertThat(fourth.waitFor(60, TimeUnit.SECONDS)).isTrue();

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
            try (StateStore store = new StateStore(Pools.open("it-store", StateStore.embeddedUrl(child.dataDir()), "",
                    new Secret(""), 3))) {
                assertThat(store.deadLetters().list(null, true)).isEmpty();
            }
        }
    }
}
