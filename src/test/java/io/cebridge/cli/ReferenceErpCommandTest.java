package io.cebridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Guards: reference-erp ignoring BRIDGE_ERP_PASSWORD_FILE (Docker / Kubernetes secrets) or failing without a reason. */
class ReferenceErpCommandTest {
    @TempDir
    Path tmp;

    @Test
    void thePasswordFileIsReadAsRunReadsItAndAnEmptyOneIsRefusedNamingTheVariable() throws Exception {
        Path empty = Files.writeString(tmp.resolve("empty"), "");
        ReferenceErpCommand cmd = new ReferenceErpCommand();
        cmd.url = "jdbc:h2:mem:reference-erp-test-1";
        cmd.env = Map.of("BRIDGE_ERP_PASSWORD_FILE", empty.toString());
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertThat(cmd.call()).isEqualTo(2);
        } finally {
            System.setErr(err);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).contains("BRIDGE_ERP_PASSWORD_FILE").contains("empty");

        // H2 takes the password of a new in-memory database: the file's content (newline trimmed) is what it got
        Path file = Files.writeString(tmp.resolve("pw"), "from-the-file\n");
        ReferenceErpCommand withFile = new ReferenceErpCommand();
        withFile.url = "jdbc:h2:mem:reference-erp-test-2;DB_CLOSE_DELAY=-1";
        withFile.user = "sa";
        withFile.env = Map.of("BRIDGE_ERP_PASSWORD_FILE", file.toString());
        assertThat(withFile.call()).isZero();
        try (var c = java.sql.DriverManager.getConnection(withFile.url, "sa", "from-the-file")) {
            assertThat(c.isValid(1)).isTrue();
        }
    }
}
