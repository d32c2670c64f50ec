package io.cebridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cebridge.demo.DemoAccountStore;
import io.cebridge.demo.DemoSalesforceServer;
import io.cebridge.flow.FlowStats;
import io.cebridge.it.BridgeHarness;
import io.cebridge.it.TestErp;
import io.cebridge.json.Json;
import io.cebridge.store.DeadLetter;
import io.cebridge.store.StateStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Error inbox on the real runtime, Kafka and H2: a record dead-lettered for a bad value, edited, reaches the ERP. */
class DlqEditRetryIT {
    private static final String BAD_USCC = "91330100799655"; // 14 characters: USCC_FORMAT
    private static final String GOOD_USCC = "91310115591693856A";
    @TempDir
    Path tmp;
    private DemoSalesforceServer crm;
    private TestErp erp;

    @AfterEach
    void tearDown() throws Exception {
        if (crm != null) {
            crm.close();
        }
        if (erp != null) {
            erp.close();
        }
    }

    // Guards: an edited dead letter written around the flow (skipping mapping or cleansing), lost, undone by the source's
    // copy read again, or left open after delivery; an edit or a resolve the audit does not show with who and the values.
    @Test
    void aLetterEditedWithDlqEditIsDeliveredThroughTheFlowAndAuditedAndAnotherIsResolvedByHand() throws Exception {
        DemoAccountStore accounts = DemoAccountStore.empty(Clock.systemUTC());
        accounts.create(Map.of("Name", "Good Customer Ltd"));
        String fixed = String.valueOf(accounts.create(Map.of("Name", "Typo Code Ltd", "USCC__c", BAD_USCC)).get("Id"));
        String closed = String.valueOf(accounts.create(Map.of("Name", "Closed Down Ltd", "USCC__c", "9133")).get("Id"));
        erp = TestErp.create(TestErp.Kind.H2, tmp);
        crm = new DemoSalesforceServer(accounts, "it-client", "it-secret");
        crm.start(0);
        BridgeHarness bridge = new BridgeHarness(tmp.resolve("data"), crm.loginUrl(), "it-secret", erp);

        FlowStats.Counters first = bridge.runOnce();
        assertThat(first.delivered.get()).isEqualTo(1);
        assertThat(first.deadLettered.get()).isEqualTo(2);
        Map<String, Long> ids = new java.util.HashMap<>();
        for (String line : cli("dlq", "list", "--json").lines().toList()) {
            Map<String, Object> letter = Json.readMap(line);
            assertThat(letter).containsEntry("category", "value").containsEntry("reasonCode", "USCC_FORMAT")
                    .containsEntry("status", "OPEN").containsEntry("attempts", 1);
            ids.put(String.valueOf(letter.get("sourceId")), ((Number) letter.get("id")).longValue());
        }
        assertThat(ids).containsOnlyKeys(fixed, closed);

        // a value the rules refuse is refused again: the edit goes through cleansing, not around it
        assertThat(cli("dlq", "edit", ids.get(fixed).toString(), "--set", "USCC__c=9133010079965505"))
                .contains("marked for retry");
        FlowStats.Counters refused = bridge.runOnce();
        assertThat(refused.deadLettered.get()).isEqualTo(1);
        assertThat(letter(ids.get(fixed)).attempts()).isEqualTo(2);
        assertThat(letter(ids.get(fixed)).status()).isEqualTo(DeadLetter.OPEN);
        assertThat(erp.scalar("SELECT COUNT(*) FROM erp_customer WHERE crm_account_id = '" + fixed + "'")).isZero();

        String edit = cli("dlq", "edit", ids.get(fixed).toString(), "--set", "USCC__c=" + GOOD_USCC, "--note",
                "typo in the CRM, fixed there too");
        assertThat(edit).contains("USCC__c: '91************05' -> '91**************6A'");
        FlowStats.Counters retried = bridge.runOnce();
        assertThat(retried.delivered.get()).isGreaterThanOrEqualTo(1);
        assertThat(erp.row("SELECT name, uscc FROM erp_customer WHERE crm_account_id = '" + fixed + "'"))
                .containsEntry("name", "Typo Code Ltd").containsEntry("uscc", GOOD_USCC);
        DeadLetter delivered = letter(ids.get(fixed));
        assertThat(delivered.status()).isEqualTo(DeadLetter.RESOLVED);
        assertThat(delivered.resolvedBy()).as("resolved by its delivery, not by a person").isNull();

        String show = cli("dlq", "show", ids.get(fixed).toString());
        String user = System.getProperty("user.name");
        assertThat(show).contains("status: RESOLVED").contains("EDITED by " + user + " (typo in the CRM, fixed there too)")
                .contains("\"before\":\"91************05\",\"after\":\"91**************6A\"")
                .doesNotContain("9133010079965505").doesNotContain(GOOD_USCC);

        assertThat(cli("dlq", "resolve", ids.get(closed).toString(), "--note", "customer closed down"))
                .contains("resolved by " + user);
        DeadLetter byHand = letter(ids.get(closed));
        assertThat(byHand.status()).isEqualTo(DeadLetter.RESOLVED);
        assertThat(byHand.resolvedBy()).isEqualTo(user);
        assertThat(byHand.resolutionNote()).isEqualTo("customer closed down");

        // the store's audit: both edits, the delivery of the edited record, the resolve by hand
        assertThat(audit(fixed)).containsSubsequence("DLQ_EDITED", "DLQ_EDITED", "CREATED");
        assertThat(audit(closed)).containsExactly("DLQ_RESOLVED");
        assertThat(cli("dlq", "list")).contains("0 dead letter(s)");

        // an edit corrects the copy the bridge delivers, not the CRM: the write-back of the ERP number is a new version
        // of the account, still with the bad code, and is refused as a new letter; the ERP keeps the corrected code.
        // The letter resolved by hand stays resolved when its record's same version is read again (a new runtime
        // reads its look-back window once more).
        FlowStats.Counters after = bridge.runOnce();
        assertThat(after.read.get()).as("the write-back's version and the look-back's re-read").isGreaterThanOrEqualTo(2);
        assertThat(erp.row("SELECT uscc FROM erp_customer WHERE crm_account_id = '" + fixed + "'"))
                .containsEntry("uscc", GOOD_USCC);
        assertThat(accounts.get(fixed).orElseThrow().get("ERP_Customer_No__c")).isNotNull();
        List<String> open = cli("dlq", "list", "--json").lines().toList();
        assertThat(open).as("open letters").hasSize(1);
        Map<String, Object> again = Json.readMap(open.get(0));
        assertThat(again).containsEntry("sourceId", fixed).containsEntry("reasonCode", "USCC_FORMAT")
                .containsEntry("attempts", 1);
        assertThat(((Number) again.get("id")).longValue()).isNotEqualTo(ids.get(fixed));
    }

    private DeadLetter letter(long id) throws Exception {
        try (StateStore store = StateStore.open(config(), 2)) {
            return store.deadLetters().get(id).orElseThrow();
        }
    }

    private List<String> audit(String sourceId) throws Exception {
        List<String> out = new ArrayList<>();
        try (StateStore store = StateStore.open(config(), 2); Connection c = store.dataSource().getConnection();
             var ps = c.prepareStatement("SELECT action FROM bridge_audit WHERE source_id = ? ORDER BY id")) {
            ps.setString(1, sourceId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private io.cebridge.config.BridgeConfig config() {
        return io.cebridge.config.BridgeConfig.load(null, Map.of(), new Properties(),
                Map.of("bridge.data-dir", tmp.resolve("data").toString()));
    }

    private String cli(String... args) throws Exception {
        Path cfgDir = tmp.resolve("config");
        Files.createDirectories(cfgDir);
        Properties p = new Properties();
        p.setProperty("bridge.data-dir", tmp.resolve("data").toString());
        try (var w = Files.newBufferedWriter(cfgDir.resolve("application.properties"))) {
            p.store(w, null);
        }
        String[] full = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                java.util.stream.Stream.of("--config", cfgDir.toString())).toArray(String[]::new);
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            assertThat(BridgeCli.execute(full)).as(String.join(" ", args)).isZero();
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }
}
