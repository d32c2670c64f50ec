package io.cebridge.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cebridge.config.Secret;
import io.cebridge.demo.DemoAccountStore;
import io.cebridge.demo.DemoSalesforceServer;
import io.cebridge.it.TestErp;
import io.cebridge.store.Pools;
import io.cebridge.store.StateStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
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
        Path jar = Path.of("target/ce-bridge.jar").toAbsolutePath();
        assertThat(jar).as("built by mvn package before the integration tests").exists();
        DemoAccountStore accounts = DemoAccountStore.empty(Clock.systemUTC());
        for (int i = 0; i < ACCOUNTS; i++) {
            accounts.create(Map.of("Name", "Crash Test Customer " + i, "Phone", "+86 138 " + String.format("%04d %04d",
                    i / 10_000, i % 10_000), "BillingCountry", "中国", "CurrencyIsoCode", "CNY"));
        }
        try (TestErp erp = TestErp.create(TestErp.Kind.POSTGRESQL, tmp);
             DemoSalesforceServer crm = new DemoSalesforceServer(accounts, "it-client", "it-secret")) {
            crm.start(0);
            Path cfg = config(crm.loginUrl(), erp);

            long t0 = System.nanoTime();
            Process first = start(jar, cfg, 1);
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
                    .until(() -> erp.customerCount() >= ACCOUNTS / 5);
            kill(first);
            long afterFirstKill = erp.customerCount();

            Process second = start(jar, cfg, 2);
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
                    .until(() -> erp.customerCount() >= Math.max(afterFirstKill + 1, ACCOUNTS * 3 / 5));
            kill(second);

            // SIGTERM with work in flight: the process finishes its batch and exits within the shutdown timeout
            Process third = start(jar, cfg, 3);
            long afterSecondKill = erp.customerCount();
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
                    .until(() -> erp.customerCount() > afterSecondKill);
            third.destroy();
            assertThat(third.waitFor(40, TimeUnit.SECONDS)).as("graceful stop within the 30 s shutdown timeout").isTrue();

            Process fourth = start(jar, cfg, 4);
            try {
                // normally about 30 s; the bound is generous because what this guards is loss and doubling, and a slow
                // 2-core CI machine once needed more than 3 minutes here (the child's log is printed if it ever stalls)
                await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200)).until(() -> erp.customerCount()
                        == ACCOUNTS && accounts.all().stream().allMatch(a -> a.get("ERP_Customer_No__c") != null));
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                // the child's own log is the only account of why it stalled: show its end before failing
                List<String> log = Files.readAllLines(tmp.resolve("run-4.log"));
                System.out.println("CrashRecoveryIT: ERP rows " + erp.customerCount() + " of " + ACCOUNTS + "; the last"
                        + " lines of run 4:\n" + String.join("\n", log.subList(Math.max(0, log.size() - 80), log.size())));
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
            try (StateStore store = new StateStore(Pools.open("it-store", StateStore.embeddedUrl(tmp.resolve("data")), "",
                    new Secret(""), 3))) {
                assertThat(store.deadLetters().list(null, true)).isEmpty();
            }
        }
    }

    private Path config(String loginUrl, TestErp erp) throws Exception {
        Path cfg = Files.createDirectories(tmp.resolve("config"));
        Properties p = new Properties();
        p.setProperty("bridge.data-dir", tmp.resolve("data").toString());
        p.setProperty("bridge.routes-dir", Path.of("routes").toAbsolutePath().toString());
        p.setProperty("bridge.mappings-dir", Path.of("mappings").toAbsolutePath().toString());
        p.setProperty("bridge.crm.salesforce.login-url", loginUrl);
        p.setProperty("bridge.crm.salesforce.allow-insecure-http", "true");
        p.setProperty("bridge.crm.salesforce.client-id", "it-client");
        p.setProperty("bridge.crm.salesforce.client-secret", "it-secret");
        p.setProperty("bridge.erp.jdbc-url", erp.url);
        p.setProperty("bridge.erp.username", erp.user);
        p.setProperty("bridge.flows.customer-master.poll-interval", "1s");
        p.setProperty("bridge.http.port", "0"); // the child runs `run`: its HTTP server must not need port 8080 free
        try (var w = Files.newBufferedWriter(cfg.resolve("application.properties"))) {
            p.store(w, null);
        }
        return cfg;
    }

    private Process start(Path jar, Path cfg, int n) throws Exception {
        return new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-jar", jar.toString(), "run", "--config", cfg.toString()))
                .redirectErrorStream(true).redirectOutput(tmp.resolve("run-" + n + ".log").toFile()).start();
    }

    private static void kill(Process p) throws Exception {
        p.destroyForcibly(); // SIGKILL: no shutdown hook, no graceful stop
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
}
