package io.cebridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReconcileCommandTest {
    @TempDir
    Path tmp;

    private String[] run(String flow, String properties) throws Exception {
        Files.writeString(tmp.resolve("application.properties"), "bridge.routes-dir=" + Path.of("routes").toAbsolutePath()
                + "\nbridge.data-dir=" + tmp.resolve("data") + "\n" + properties);
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            int exit = BridgeCli.execute("reconcile", "--flow", flow, "--config", tmp.toString());
            return new String[] {String.valueOf(exit), buf.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setErr(old);
        }
    }

    @Test
    void aFlowReconcileDoesNotCoverIsAConfigurationProblem() throws Exception {
        String[] r = run("quote-to-order", "bridge.erp.jdbc-url=jdbc:h2:mem:none\n");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[1]).contains("quote-to-order").contains("reconcile covers [contacts, customer-master, expenses,")
                .contains("order-invoice-history", "financial-summary");
    }

    @Test
    void withoutAnErpUrlItSaysWhichKeyIsMissing() throws Exception {
        String[] r = run("customer-master", "");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[1]).contains("bridge.erp.jdbc-url");
    }
}
