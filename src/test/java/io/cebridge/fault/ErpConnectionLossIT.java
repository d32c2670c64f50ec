package io.cebridge.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cebridge.demo.DemoAccountStore;
import io.cebridge.demo.DemoSalesforceServer;
import io.cebridge.it.BridgeHarness;
import io.cebridge.it.TestErp;
import io.cebridge.runtime.BridgeRuntime;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guards: an ERP connection lost mid-load (pg_terminate_backend on the runtime's sessions) dead-lettering records
 * or losing them, instead of being retried.
 */
class ErpConnectionLossIT {
    private static final int ACCOUNTS = 8_000;
    @TempDir
    Path tmp;

    @Test
    void terminatedErpSessionsAreRetriedAndNothingIsDeadLettered() throws Exception {
        DemoAccountStore accounts = DemoAccountStore.empty(Clock.systemUTC());
        for (int i = 0; i < ACCOUNTS; i++) {
            accounts.create(Map.of("Name", "Connection Loss Customer " + i));
        }
        try (TestErp erp = TestErp.create(TestErp.Kind.POSTGRESQL, tmp);
             DemoSalesforceServer crm = new DemoSalesforceServer(accounts, "it-client", "it-secret")) {
            crm.start(0);
            BridgeHarness h = new BridgeHarness(tmp.resolve("data"), crm.loginUrl(), "it-secret", erp);
            h.overrides.put("bridge.retry.max-attempts", "20");
            h.overrides.put("bridge.retry.initial-delay", "100ms");
            h.overrides.put("bridge.flows.customer-master.batch-size", "200");
            try (BridgeRuntime runtime = new BridgeRuntime(h.config(), false)) {
                runtime.start();
                int terminated = 0;
                for (int round = 1; round <= 3; round++) {
                    long threshold = (long) ACCOUNTS * round / 5;
                    await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(20)).until(() -> erp.customerCount() >= threshold);
                    terminated += erp.terminateOtherSessions();
                }
                assertThat(terminated).as("sessions terminated").isPositive();
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() -> erp.customerCount() == ACCOUNTS
                        && accounts.all().stream().allMatch(a -> a.get("ERP_Customer_No__c") != null));
                assertThat(runtime.store().deadLetters().list(null, true)).isEmpty();
                assertThat(runtime.stats().of("customer-master").deadLettered.get()).isZero();
            }
            try (Connection c = erp.dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(DISTINCT crm_account_id) FROM erp_customer")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(ACCOUNTS);
            }
        }
    }
}
