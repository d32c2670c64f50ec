package io.cebridge.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.cebridge.cli.RunCommandAccess;
import io.cebridge.demo.DemoAccountStore;
import io.cebridge.demo.DemoSalesforceServer;
import io.cebridge.it.BridgeHarness;
import io.cebridge.it.TestErp;
import io.cebridge.flow.FlowStats;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Guards: serialization failures dead-lettering records instead of being retried; bad ERP credentials retried forever. */
class ErpFailureModesIT {
    @TempDir
    Path tmp;

    // Guards: SQLState 40001 / 40P01 treated as a record's fault.
    @Test
    void serializationFailuresAndDeadlocksAreRetried() throws Exception {
        DemoAccountStore accounts = DemoAccountStore.empty(Clock.systemUTC());
        for (int i = 0; i < 500; i++) {
            accounts.create(Map.of("Name", "Serialization Customer " + i));
        }
        try (TestErp erp = TestErp.create(TestErp.Kind.POSTGRESQL, tmp);
             DemoSalesforceServer crm = new DemoSalesforceServer(accounts, "it-client", "it-secret")) {
            crm.start(0);
            // the first three statements that write a customer fail like a busy database would; a sequence is not
            // rolled back with the failing transaction, so it counts across retries
            erp.execute("CREATE SEQUENCE it_fail_seq");
            erp.execute("CREATE FUNCTION it_fail() RETURNS trigger AS $$ DECLARE n bigint; BEGIN n := nextval('it_fail_seq');"
                    + " IF n = 1 OR n = 3 THEN RAISE EXCEPTION 'simulated serialization failure' USING ERRCODE = '40001';"
                    + " ELSIF n = 2 THEN RAISE EXCEPTION 'simulated deadlock' USING ERRCODE = '40P01'; END IF;"
                    + " RETURN NEW; END $$ LANGUAGE plpgsql");
            erp.execute("CREATE TRIGGER it_fail BEFORE INSERT OR UPDATE ON erp_customer FOR EACH ROW EXECUTE FUNCTION it_fail()");
            BridgeHarness h = new BridgeHarness(tmp.resolve("data"), crm.loginUrl(), "it-secret", erp);
            h.overrides.put("bridge.retry.max-attempts", "5");
            FlowStats.Counters run = h.runOnce();
            assertThat(run.delivered.get()).isEqualTo(500);
            assertThat(run.deadLettered.get()).isZero();
            try (Connection c = erp.dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT last_value FROM it_fail_seq")) {
                rs.next();
                assertThat(rs.getLong(1)).as("the failures really happened").isGreaterThan(3);
            }
        }
    }

    // Guards: wrong ERP credentials (SQLState 28xxx) retried in a loop instead of stopping with a clear message.
    @Test
    void wrongErpCredentialsStopTheRunNamingTheProblem() throws Exception {
        String user = "cebridge_it_" + Long.toHexString(System.nanoTime());
        try (Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/", "root", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY 'right-password'");
            s.execute("CREATE USER '" + user + "'@'localhost' IDENTIFIED BY 'right-password'");
        }
        try (TestErp erp = TestErp.create(TestErp.Kind.MARIADB, tmp);
             DemoSalesforceServer crm = new DemoSalesforceServer(DemoAccountStore.empty(Clock.systemUTC()), "it-client",
                     "it-secret")) {
            crm.start(0);
            BridgeHarness h = new BridgeHarness(tmp.resolve("data"), crm.loginUrl(), "it-secret", erp);
            h.overrides.put("bridge.erp.username", user);
            h.overrides.put("bridge.erp.password", "wrong-password");
            PrintStream old = System.err;
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code;
            long t0 = System.nanoTime();
            try {
                code = RunCommandAccess.runOnce(h.config());
            } finally {
                System.setErr(old);
            }
            assertThat(code).isEqualTo(1);
            assertThat((System.nanoTime() - t0) / 1e9).as("seconds until it gives up").isLessThan(30);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("SQLState 28000").doesNotContain("wrong-password");
        } finally {
            try (Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/", "root", "");
                 Statement s = c.createStatement()) {
                s.execute("DROP USER IF EXISTS '" + user + "'@'%'");
                s.execute("DROP USER IF EXISTS '" + user + "'@'localhost'");
            }
        }
    }
}
