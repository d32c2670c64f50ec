package io.cebridge.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cebridge.demo.DemoAccountStore;
import io.cebridge.demo.DemoSalesforceServer;
import io.cebridge.it.BridgeHarness;
import io.cebridge.it.TestErp;
import io.cebridge.runtime.BridgeRuntime;
import io.cebridge.runtime.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Guards: records lost or duplicated when the Kafka broker restarts mid-load; /health not showing Kafka DOWN, then UP. */
class KafkaRestartIT {
    private static final int ACCOUNTS = 6_000;
    @TempDir
    Path tmp;

    @Test
    void aBrokerRestartMidStreamLosesAndDuplicatesNothing() throws Exception {
        DemoAccountStore accounts = DemoAccountStore.empty(Clock.systemUTC());
        for (int i = 0; i < ACCOUNTS; i++) {
            accounts.create(Map.of("Name", "Broker Restart Customer " + i));
        }
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(tmp.resolve("kafka"), 0);
             TestErp erp = TestErp.create(TestErp.Kind.H2, tmp);
             DemoSalesforceServer crm = new DemoSalesforceServer(accounts, "it-client", "it-secret")) {
            broker.start();
            crm.start(0);
            BridgeHarness h = new BridgeHarness(tmp.resolve("data"), crm.loginUrl(), "it-secret", erp);
            h.overrides.put("bridge.kafka.bootstrap-servers", broker.bootstrapServers());
            h.overrides.put("bridge.flows.customer-master.poll-interval", "1s");
            h.overrides.put("bridge.flows.customer-master.batch-size", "200");
            h.overrides.put("bridge.retry.max-attempts", "20");
            try (BridgeRuntime runtime = new BridgeRuntime(h.config(), false)) {
                runtime.start();
                await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(20)).until(() -> erp.customerCount() >= ACCOUNTS / 4);
                broker.stop();
                long duringOutage = erp.customerCount();
                io.cebridge.it.HealthProbe health = new io.cebridge.it.HealthProbe(runtime.httpPort());
                health.awaitDown("kafka", Duration.ofSeconds(30));
                broker.start(); // same port and data, as after a broker restart
                health.awaitUp(Duration.ofSeconds(60));
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() -> erp.customerCount() == ACCOUNTS
                        && accounts.all().stream().allMatch(a -> a.get("ERP_Customer_No__c") != null));
                assertThat(duringOutage).isLessThan(ACCOUNTS);
                assertThat(runtime.store().deadLetters().list(null, true)).isEmpty();
            }
            try (Connection c = erp.dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(DISTINCT crm_account_id), COUNT(*) FROM erp_customer")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(ACCOUNTS);
                assertThat(rs.getLong(2)).isEqualTo(ACCOUNTS);
            }
        }
    }
}
