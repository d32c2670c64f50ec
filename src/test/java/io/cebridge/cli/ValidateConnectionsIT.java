package io.cebridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// Guards: `validate` passing (or hanging) on a database run cannot use, and losing the database's own reason.
class ValidateConnectionsIT {
    @TempDir
    Path tmp;

    @Test
    void aMissingPostgresqlDatabaseFailsWithinSecondsWithPostgresqlsReasonAndTheKey() throws Exception {
        String db = "cebridge_missing_" + Long.toHexString(System.nanoTime());
        long t0 = System.nanoTime();
        ValidateCommandTest.Result r = validate("bridge.erp.jdbc-url=jdbc:postgresql://127.0.0.1:5432/" + db
                + "\nbridge.erp.username=postgres\n");
        assertThat(r.code()).isEqualTo(1);
        // one try of 5 s at most; most of the time is the route and mapping checks on a busy machine
        assertThat((System.nanoTime() - t0) / 1e9).as("seconds").isLessThan(30);
        assertThat(r.err()).contains("bridge.erp.jdbc-url").contains("database \"" + db + "\" does not exist")
                .contains("SQLState 3D000");
    }

    @Test
    void aWrongMariadbPasswordOfTheStoreIsMariadbsAccessDeniedAndNamesTheCredentialKeys() throws Exception {
        // root has no password on the test server: offering one is refused like any wrong password
        ValidateCommandTest.Result r = validate("bridge.store.jdbc-url=jdbc:mariadb://127.0.0.1:3306/\n"
                + "bridge.store.username=root\nbridge.store.password=wrong-password\n");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("bridge.store.jdbc-url: state store").contains("Access denied for user")
                .contains("check bridge.store.username and bridge.store.password").doesNotContain("wrong-password");
    }

    @Test
    void anUnreachableExternalKafkaIsNamed() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        ValidateCommandTest.Result r = validate("bridge.kafka.bootstrap-servers=127.0.0.1:" + closed + "\n");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("bridge.kafka.bootstrap-servers: Kafka at 127.0.0.1:" + closed + " did not answer");
    }

    @Test
    void runStopsOnTheSameReasonWithExitCode1AndNoStackTrace() throws Exception {
        String db = "cebridge_missing_" + Long.toHexString(System.nanoTime());
        Path cfg = config("bridge.erp.jdbc-url=jdbc:postgresql://127.0.0.1:5432/" + db
                + "\nbridge.erp.username=postgres\n");
        ValidateCommandTest.Result r = ValidateCommandTest.run("run", "--once", "--config", cfg.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("ce-bridge did not start").contains("bridge.erp.jdbc-url")
                .contains("does not exist").doesNotContain("\tat ").doesNotContain("Message History");
    }

    private ValidateCommandTest.Result validate(String properties) throws Exception {
        return ValidateCommandTest.run("validate", "--config", config(properties).toString());
    }

    private Path config(String properties) throws Exception {
        Path cfg = Files.createDirectories(tmp.resolve("config"));
        Files.writeString(cfg.resolve("application.properties"), "bridge.routes-dir=" + Path.of("routes").toAbsolutePath()
                + "\nbridge.mappings-dir=" + Path.of("mappings").toAbsolutePath() + "\nbridge.data-dir=" + tmp.resolve("data")
                + "\nbridge.flows.customer-master.enabled=false\n" + properties);
        return cfg;
    }
}
