package io.cebridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Guards a second `docker compose up`: its erp-setup service runs `reference-erp --seed` on every start, and a
 * database that already holds the reference ERP must leave it untouched and succeed, not fail the whole stack.
 */
class ReferenceErpTwiceTest {

    @Test
    void theSecondRunFindsTheSchemaInstalledDoesNothingAndSucceeds() throws Exception {
        String url = "jdbc:h2:mem:reference-erp-twice-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        Run first = run(url);
        assertThat(first.exit).as(first.err).isZero();
        assertThat(first.out).contains("reference ERP schema created and seeded");
        long customers = customers(url);
        assertThat(customers).isPositive();
        try (Connection c = DriverManager.getConnection(url, "sa", "");
             Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE erp_customer SET name = 'Renamed by hand' WHERE customer_no = (SELECT MIN(customer_no) FROM erp_customer)");
        }

        Run second = run(url);

        assertThat(second.exit).as(second.err).isZero();
        assertThat(second.out).isEqualTo("reference ERP already installed: nothing done (not seeded again)\n");
        assertThat(customers(url)).isEqualTo(customers);
        try (Connection c = DriverManager.getConnection(url, "sa", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT name FROM erp_customer WHERE customer_no = (SELECT MIN(customer_no) FROM erp_customer)")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).as("what the ERP holds is kept").isEqualTo("Renamed by hand");
        }
    }

    @Test
    void aDatabaseWithPartOfTheSchemaIsRefusedNamingWhatIsMissing() throws Exception {
        String url = "jdbc:h2:mem:reference-erp-part-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        assertThat(run(url).exit).isZero();
        try (Connection c = DriverManager.getConnection(url, "sa", "");
             Statement s = c.createStatement()) {
            s.execute("DROP TABLE erp_exchange_rate");
        }

        Run again = run(url);

        assertThat(again.exit).isEqualTo(1);
        assertThat(again.err).contains("part of the reference ERP schema (missing: erp_exchange_rate)");
        assertThat(again.out).isEmpty();
    }

    private static long customers(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "sa", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM erp_customer")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    record Run(int exit, String out, String err) {
    }

    static Run run(String url, String user, Map<String, String> env) {
        ReferenceErpCommand cmd = new ReferenceErpCommand();
        cmd.url = url;
        cmd.user = user;
        cmd.seed = true;
        cmd.env = env;
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            int exit = cmd.call();
            return new Run(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private static Run run(String url) {
        return run(url, "sa", Map.of());
    }
}
