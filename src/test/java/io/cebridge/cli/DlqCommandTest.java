package io.cebridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cebridge.config.BridgeConfig;
import io.cebridge.store.DeadLetter;
import io.cebridge.store.StateStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `dlq list` shows no raw 统一社会信用代码 or phone unless asked with --show-pii; letters are stored masked. */
class DlqCommandTest {
    private static final String PAYLOAD = "{\"Id\":\"0015g00000A1b2hAAA\",\"Name\":\"格式错误示例有限公司\","
            + "\"USCC__c\":\"9133010079965505\",\"Phone\":\"0571-88888888\"}";
    private static final String REASON = "uscc: Unified social credit code (uscc, 统一社会信用代码) '9133010079965505'"
            + " has 16 characters, needs 18";
    @TempDir
    Path dir;

    @BeforeEach
    void storeWithALetterWrittenNowAndOneWrittenBeforeMasking() throws Exception {
        Files.writeString(dir.resolve("application.properties"), "bridge.data-dir=" + dir.resolve("data") + "\n",
                StandardCharsets.UTF_8);
        try (StateStore store = StateStore.open(BridgeConfig.load(dir), 2)) {
            store.deadLetters().record(DeadLetter.failure("customer-master", "ingest", "0015g00000A1b2hAAA", "v1",
                    "USCC_FORMAT", REASON, PAYLOAD));
            try (Connection c = store.dataSource().getConnection();
                 PreparedStatement ps = c.prepareStatement("INSERT INTO bridge_dead_letter (flow, stage, source_id,"
                         + " source_version, reason_code, reason, payload, attempts, status, first_failed_at,"
                         + " last_failed_at) VALUES ('customer-master', 'ingest', '0015g00000A1b2iAAA', 'v1',"
                         + " 'PHONE_INVALID', ?, ?, 1, 'OPEN', ?, ?)")) {
                ps.setString(1, "phone: Phone '0571-88888888' is not a valid phone number");
                ps.setString(2, PAYLOAD.replace("A1b2h", "A1b2i"));
                ps.setTimestamp(3, Timestamp.from(Instant.now()));
                ps.setTimestamp(4, Timestamp.from(Instant.now()));
                ps.executeUpdate();
            }
            assertThat(store.deadLetters().list(null, true).get(0).reason())
                    .as("stored reason").doesNotContain("9133010079965505").contains("'91************05'");
        }
    }

    @Test
    void listMasksIdentifiersInEveryFormat() {
        for (String[] args : new String[][] {{"dlq", "list", "--config", dir.toString()},
                {"dlq", "list", "--json", "--config", dir.toString()}}) {
            String out = run(args);
            assertThat(out).as(String.join(" ", args)).doesNotContain("9133010079965505").doesNotContain("88888888")
                    .contains("91************05").contains("05*********88").contains("has 16 characters, needs 18")
                    .contains("0015g00000A1b2hAAA").contains("0015g00000A1b2iAAA");
        }
    }

    @Test
    void showPiiPrintsTheValuesTheRecordsHold() {
        String out = run("dlq", "list", "--show-pii", "--config", dir.toString());
        assertThat(out).contains("'9133010079965505' has 16 characters").contains("Phone '0571-88888888'")
                .doesNotContain("*****");
    }

    private static String run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            assertThat(BridgeCli.execute(args)).isZero();
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }
}
