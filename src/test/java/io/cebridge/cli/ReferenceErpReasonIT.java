package io.cebridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

// Guards: reference-erp against a missing PostgreSQL database or a MariaDB password that is refused printing Hikari's "Connection is not available" after half a minute instead of the database's own reason within seconds.
class ReferenceErpReasonIT {
    private record Outcome(int exit, String err, Duration took) {
    }

    private static Outcome run(String url, String user, String password) {
        ReferenceErpCommand cmd = new ReferenceErpCommand();
        cmd.url = url;
        cmd.user = user;
        cmd.password = password;
        cmd.env = Map.of();
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        long start = System.nanoTime();
        try {
            int exit = cmd.call();
            return new Outcome(exit, captured.toString(StandardCharsets.UTF_8), Duration.ofNanos(System.nanoTime() - start));
        } finally {
            System.setErr(err);
        }
    }

    @Test
    void aMissingPostgresqlDatabaseIsNamedWithPostgresqlsOwnWords() {
        String db = "ce_bridge_missing_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Outcome o = run("jdbc:postgresql://127.0.0.1:5432/" + db, "postgres", null);
        assertThat(o.exit()).isEqualTo(1);
        assertThat(o.err()).contains("database \"" + db + "\" does not exist").contains("--jdbc-url")
                .doesNotContain("Connection is not available");
        assertThat(o.took()).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void aRefusedMariadbPasswordIsNamedWithMariadbsOwnWordsAndNeverShown() {
        Outcome o = run("jdbc:mariadb://127.0.0.1:3306/mysql", "root", "wrong-pw-7f3a");
        assertThat(o.exit()).isEqualTo(1);
        assertThat(o.err()).contains("Access denied").contains("--user").contains("--password or BRIDGE_ERP_PASSWORD")
                .doesNotContain("wrong-pw-7f3a").doesNotContain("Connection is not available");
        assertThat(o.took()).isLessThan(Duration.ofSeconds(15));
    }
}
