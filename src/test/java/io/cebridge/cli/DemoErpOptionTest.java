package io.cebridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** `demo --erp`: a value it does not know is a usage error naming the ones it does, before anything starts. */
class DemoErpOptionTest {

    @Test
    void anUnknownErpExitsTwoNamingTheAllowedValues() {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = BridgeCli.execute("demo", "--once", "--erp", "sap");
        } finally {
            System.setErr(old);
        }
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--erp").contains("'sap'")
                .contains("reference, kingdee, yonbip");
    }

    @Test
    void theErpIsReadIgnoringCaseAndIsTheReferenceErpByDefault() {
        DemoCommand kingdee = new DemoCommand();
        new CommandLine(kingdee).parseArgs("--erp", "Kingdee");
        assertThat(kingdee.erp).isEqualTo(DemoErp.KINGDEE);
        DemoCommand plain = new DemoCommand();
        new CommandLine(plain).parseArgs("--once");
        assertThat(plain.erp).isEqualTo(DemoErp.REFERENCE);
    }
}
