package io.cebridge.flow.crmtoerp;

import static org.assertj.core.api.Assertions.assertThat;

import io.cebridge.connector.erp.jdbc.JdbcUpsertWriter;
import io.cebridge.flow.DeadLetters;
import io.cebridge.flow.FlowStats;
import io.cebridge.it.TestErp;
import io.cebridge.store.DeadLetter;
import io.cebridge.store.StateStore;
import io.cebridge.store.XrefEntry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The create claims of customer-master's matcher on an H2 store and ERP, one step at a time: a new account whose USCC
 * another delivery is creating waits and goes once that one is linked, then links to its customer; a lapsed claim is
 * taken over; a create the ERP refuses gives its claim up.
 */
class CreateClaimsTest {
    private static final String FLOW = "customer-master";
    private static final String X = "91310000MA1FL0001X";
    private static final Duration LEASE = Duration.ofMinutes(2);
    @TempDir
    Path tmp;
    private TestErp erp;
    private StateStore store;
    private CreateClaims claims;
    private ErpMatcher matcher;

    @BeforeEach
    void open() throws Exception {
        erp = TestErp.create(TestErp.Kind.H2, tmp);
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:" + tmp.resolve("store").toAbsolutePath() + ";DB_CLOSE_DELAY=-1");
        store = new StateStore(ds);
        claims = new CreateClaims(FLOW, () -> "customer", store.createClaims(), store.xref(),
                new DeadLetters(store.deadLetters(), new FlowStats()), LEASE);
        matcher = new ErpMatcher(new JdbcUpsertWriter(erp.dataSource(), "erp_customer", "crm_account_id", "updated_at",
                List.of("crm_account_id", "name", "uscc")), new ErpMatcher.Keys("crm_account_id", "customer_no", "uscc",
                "DUPLICATE_USCC_LINKED"));
    }

    @AfterEach
    void close() throws Exception {
        store.close();
        erp.close();
    }

    @Test
    void anAccountWhoseUsccAnotherIsCreatingWaitsThenLinksToItsCustomer() throws Exception {
        // another instance's delivery of 001A claimed X and is creating its customer
        assertThat(store.createClaims().claim("customer", Map.of(X, "001A"), LEASE)).containsEntry(X, "001A");

        FlowRecord b = deliver(record("001B", X));
        assertThat(b.outcome).isEqualTo(FlowRecord.Outcome.WAITING);
        assertThat(erp.customerCount()).as("nothing written for it").isZero();
        DeadLetter letter = store.deadLetters().open(FLOW, CreateClaims.CLAIMED_BY_OTHER).get(0);
        assertThat(letter.sourceId()).isEqualTo("001B");
        assertThat(letter.reason()).contains("CRM record 001A holds the claim", "for uscc", "lease, 2m)");
        assertThat(letter.waiting()).isTrue();

        WaitingRecords.releaseClaimed(FLOW, store.deadLetters(), store.xref(), claims);
        assertThat(store.deadLetters().get(letter.id()).orElseThrow().status()).as("001A is not linked yet")
                .isEqualTo(DeadLetter.OPEN);

        FlowRecord a = deliver(record("001A", X)); // the holder's own delivery (a retry of it holds its claim)
        assertThat(a.outcome).isEqualTo(FlowRecord.Outcome.CREATED);
        store.xref().upsert("customer", List.of(new XrefEntry("001A", a.erpNo, a.sourceVersion)));
        WaitingRecords.releaseClaimed(FLOW, store.deadLetters(), store.xref(), claims);
        assertThat(store.deadLetters().get(letter.id()).orElseThrow().status()).isEqualTo(DeadLetter.RETRY_REQUESTED);

        FlowRecord again = deliver(record("001B", X));
        assertThat(again.outcome).as("sent again: shares 001A's customer").isEqualTo(FlowRecord.Outcome.LINKED);
        assertThat(again.erpNo).isEqualTo(a.erpNo);
        assertThat(again.flags()).contains("DUPLICATE_USCC_LINKED");
        assertThat(erp.customerCount()).isEqualTo(1);
    }

    @Test
    void oneBatchClaimsOnceALapsedClaimIsTakenOverAndARefusedCreateGivesItsClaimUp() throws Exception {
        FlowRecord c1 = record("001C", X);
        FlowRecord c2 = record("001D", X);
        deliver(c1, c2);
        assertThat(c1.outcome).isEqualTo(FlowRecord.Outcome.CREATED);
        assertThat(c2.outcome).as("the batch's second: linked as before").isEqualTo(FlowRecord.Outcome.LINKED);

        String y = "91310000MA1FL0002Y";
        store.createClaims().claim("customer", Map.of(y, "001E"), LEASE);
        try (Connection c = store.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE bridge_create_claim SET claimed_at = ?")) {
            ps.setTimestamp(1, Timestamp.from(Instant.now().minus(LEASE).minusSeconds(1)));
            ps.executeUpdate();
        }
        FlowRecord f = deliver(record("001F", y));
        assertThat(f.outcome).as("001E stopped: its claim lapsed").isEqualTo(FlowRecord.Outcome.CREATED);
        assertThat(store.createClaims().holding("customer", List.of("001E", "001F"), Instant.EPOCH))
                .containsExactly("001F");

        FlowRecord g = record("001G", "91310000MA1FL0003Z");
        g.erpRow.put("name", "名".repeat(500)); // longer than the column: the ERP refuses the row
        ErpMatcher.Plan plan = matcher.apply(List.of(g), Map.of(), claims);
        assertThat(plan.failures()).containsKey(g);
        assertThat(store.createClaims().holding("customer", List.of("001G"), Instant.EPOCH)).as("given up").isEmpty();
    }

    @Test
    void aCreateThatCouldNotEndBeforeItsClaimLapsesIsNotWrittenAndIsRetried() throws Exception {
        // a lease of one second leaves the write under one: it would commit after another delivery could take it over
        CreateClaims brief = new CreateClaims(FLOW, () -> "customer", store.createClaims(), store.xref(),
                new DeadLetters(store.deadLetters(), new FlowStats()), Duration.ofSeconds(1));
        FlowRecord h = record("001H", X);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> matcher.apply(List.of(h), Map.of(), brief))
                .isInstanceOf(io.cebridge.error.RetriableException.class)
                .hasMessageContaining("not begun", "bridge.delivery.create-claim-lease");
        assertThat(erp.customerCount()).isZero();
        assertThat(store.createClaims().holding("customer", List.of("001H"), Instant.EPOCH)).as("held for the retry")
                .containsExactly("001H");

        assertThat(deliver(h).outcome).as("the redelivery, with time to write").isEqualTo(FlowRecord.Outcome.CREATED);
        assertThat(erp.customerCount()).isEqualTo(1);
        assertThat(ErpMatcher.writeDeadline(Instant.EPOCH, LEASE)).isEqualTo(Instant.EPOCH.plusSeconds(90));
    }

    private FlowRecord deliver(FlowRecord... records) {
        ErpMatcher.Plan plan = matcher.apply(List.of(records), Map.of(), claims);
        assertThat(plan.failures()).isEmpty();
        plan.apply();
        return records[0];
    }

    private static FlowRecord record(String id, String uscc) {
        Map<String, Object> event = new LinkedHashMap<>(Map.of("sourceId", id, "sourceVersion", "2026-12-01T00:00:00.000Z",
                "name", "Claim " + id, "uscc", uscc));
        FlowRecord r = new FlowRecord(id, "2026-12-01T00:00:00.000Z", event, io.cebridge.json.Json.write(event));
        r.erpRow = new LinkedHashMap<>(Map.of("crm_account_id", id, "name", "Claim " + id, "uscc", uscc));
        return r;
    }
}
