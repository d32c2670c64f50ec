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
import java.util.List;
import java.util.Map;
import io.cebridge.json.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `dlq list` shows no raw 统一社会信用代码 or phone unless asked with --show-pii; letters are stored masked; failures are
 * listed apart from waiting records; `dlq resolve` and `dlq edit` are audited with who, when and the values changed.
 */
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
            store.deadLetters().record(DeadLetter.failure("order-invoice-history", "link", "SO-10100", "v1",
                    "CUSTOMER_NOT_LINKED", "waiting: ERP customer 103 is not linked to a CRM account yet", "{}"));
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

    @Test
    void failuresAreListedApartFromRecordsThatOnlyWait() {
        String out = run("dlq", "list", "--config", dir.toString());
        assertThat(out).contains("CATEGORY").contains("STATUS").contains("0015g00000A1b2hAAA").contains("value")
                .doesNotContain("SO-10100").contains("2 dead letter(s)")
                .contains("1 more record(s) wait for a link or for what the ERP lacks and go by themselves: dlq list --waiting");
        String waiting = run("dlq", "list", "--waiting", "--config", dir.toString());
        assertThat(waiting).contains("SO-10100").contains("waiting").contains("CUSTOMER_NOT_LINKED")
                .doesNotContain("0015g00000A1b2hAAA").contains("1 dead letter(s)");
        assertThat(run("dlq", "list", "--category", "waiting", "--config", dir.toString())).isEqualTo(waiting);
        assertThat(run("dlq", "list", "--category", "locked", "--config", dir.toString())).contains("0 dead letter(s)")
                .doesNotContain("0015g");
        assertThat(runWithCode(2, "dlq", "list", "--category", "bogus", "--config", dir.toString())).isEmpty();
    }

    @Test
    void csvHasAHeaderEveryLetterAndMasksIdentifiersUnlessAsked() {
        String csv = run("dlq", "list", "--csv", "--config", dir.toString());
        List<String> lines = List.of(csv.split("\r\n"));
        assertThat(lines.get(0)).isEqualTo("id,flow,category,status,attempts,stage,sourceId,sourceVersion,reasonCode,"
                + "reason,firstFailedAt,lastFailedAt,resolvedAt,resolvedBy,note");
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).startsWith("1,customer-master,value,OPEN,1,ingest,0015g00000A1b2hAAA,v1,USCC_FORMAT,"
                + "\"uscc: Unified social credit code (uscc, 统一社会信用代码) '91************05' has 16 characters, needs 18\",");
        assertThat(csv).doesNotContain("9133010079965505").doesNotContain("88888888");
        assertThat(run("dlq", "list", "--csv", "--show-pii", "--config", dir.toString())).contains("'9133010079965505'")
                .contains("'0571-88888888'");
    }

    @Test
    void resolveRecordsWhoWhenAndWhyAndTheLetterLeavesTheList() throws Exception {
        assertThat(run("dlq", "resolve", "2", "--note", "phone fixed in the CRM by hand", "--config", dir.toString()))
                .contains("dead letter 2 resolved by " + System.getProperty("user.name"));
        assertThat(run("dlq", "list", "--config", dir.toString())).doesNotContain("0015g00000A1b2iAAA");
        Map<String, Object> json = Json.readMap(run("dlq", "list", "--all", "--json", "--config", dir.toString())
                .lines().filter(l -> l.contains("A1b2i")).findFirst().orElseThrow());
        assertThat(json).containsEntry("status", "RESOLVED").containsEntry("resolvedBy", System.getProperty("user.name"))
                .containsEntry("note", "phone fixed in the CRM by hand").containsKey("resolvedAt");
        assertThat(auditActions()).containsExactly("DLQ_RESOLVED 0015g00000A1b2iAAA");
        runWithCode(1, "dlq", "resolve", "2", "--config", dir.toString()); // already resolved
        runWithCode(1, "dlq", "resolve", "99", "--config", dir.toString());
    }

    @Test
    void editChangesTheStoredRecordMarksItForRetryAndAuditsBeforeAndAfterMasked() throws Exception {
        // refused assignments change nothing and audit nothing
        runWithCode(2, "dlq", "edit", "1", "--set", "Id=0015g00000ZZZZZAAA", "--config", dir.toString());
        runWithCode(2, "dlq", "edit", "1", "--set", "NoSuchField=1", "--config", dir.toString());
        assertThat(auditActions()).isEmpty();
        String out = run("dlq", "edit", "1", "--set", "USCC__c=91310115591693856A", "--note", "typo",
                "--config", dir.toString());
        assertThat(out).contains("USCC__c: '91************05' -> '91**************6A'").contains("marked for retry")
                .contains("inbound mapping, cleansing");
        try (StateStore store = StateStore.open(BridgeConfig.load(dir), 2)) {
            DeadLetter d = store.deadLetters().get(1).orElseThrow();
            assertThat(d.status()).isEqualTo(DeadLetter.RETRY_REQUESTED);
            assertThat(Json.readMap(d.payload())).containsEntry("USCC__c", "91310115591693856A")
                    .containsEntry("Phone", "0571-88888888");
            var actions = new io.cebridge.store.LetterActions(store.dataSource()).of(1);
            assertThat(actions).singleElement().satisfies(a -> {
                assertThat(a.action()).isEqualTo("EDITED");
                assertThat(a.actor()).isEqualTo(System.getProperty("user.name"));
                assertThat(a.note()).isEqualTo("typo");
                assertThat(a.changes()).contains("\"before\":\"91************05\"")
                        .contains("\"after\":\"91**************6A\"").doesNotContain("9133010079965505");
            });
        }
        assertThat(auditActions()).containsExactly("DLQ_EDITED 0015g00000A1b2hAAA");
        assertThat(run("dlq", "show", "1", "--config", dir.toString())).contains("EDITED by")
                .contains("USCC__c = '91**************6A'").doesNotContain("91310115591693856A");
        // marked for retry, the flow may be sending it: a second edit waits for its outcome
        runWithCode(1, "dlq", "edit", "1", "--set", "USCC__c=914403001922038216", "--config", dir.toString());
        assertThat(auditActions()).hasSize(1);
    }

    @Test
    void retryIsAuditedWithWhoAskedForEachLetter() throws Exception {
        assertThat(run("dlq", "retry", "--all", "--flow", "customer-master", "--config", dir.toString()))
                .contains("2 dead letter(s) marked for retry");
        assertThat(auditActions()).containsExactly("DLQ_RETRIED 0015g00000A1b2hAAA", "DLQ_RETRIED 0015g00000A1b2iAAA");
        assertThat(run("dlq", "show", "1", "--config", dir.toString())).contains("RETRIED by " + System.getProperty("user.name"));
        runWithCode(1, "dlq", "retry", "1", "--config", dir.toString()); // not open any more: nothing marked
    }

    private List<String> auditActions() throws Exception {
        List<String> out = new java.util.ArrayList<>();
        try (StateStore store = StateStore.open(BridgeConfig.load(dir), 2);
             Connection c = store.dataSource().getConnection();
             var rs = c.createStatement().executeQuery("SELECT action, source_id FROM bridge_audit ORDER BY id")) {
            while (rs.next()) {
                out.add(rs.getString(1) + " " + rs.getString(2));
            }
        }
        return out;
    }

    private static String runWithCode(int code, String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            assertThat(BridgeCli.execute(args)).isEqualTo(code);
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
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
