package io.cebridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Guards: `status` and `trail` (and the V5 audit columns) working on H2 only, mixing up flows, or losing a record's
 * other side, on PostgreSQL and MariaDB stores as much as H2.
 */
class StatusAndTrailQueriesIT {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void statusCountsPerFlowAndTrailFollowsTheCrossReference(String kind) throws Exception {
        try (ThrowawayStoreDatabase db = ThrowawayStoreDatabase.create(kind, tmp);
             StateStore store = db.open("it-store")) {
            String hash = "ab".repeat(32);
            store.audit().append(List.of(
                    new AuditEntry("customer-master", "001A", "2026-01-01T00:00:00.000Z", null, "READ", null,
                            "customer-master/inbound.jsonata", hash, "salesforce"),
                    new AuditEntry("customer-master", "001B", "2026-01-01T00:00:00.000Z", null, "READ", null, null, null, "salesforce"),
                    new AuditEntry("customer-master", "001A", "2026-01-01T00:00:00.000Z", "100001", "CREATED", "PHONE_UNPARSEABLE",
                            "customer-master/outbound.jsonata", hash, "erp:erp_customer"),
                    // a delivered record's one row: its write, carrying the read of its version
                    new AuditEntry("customer-master", "001C", "2026-01-01T00:00:00.000Z", "100002", "UPDATED", null,
                            "customer-master/outbound.jsonata", hash, "erp:erp_customer")
                            .readFrom("crm", java.time.Instant.parse("2025-12-31T23:59:00Z")),
                    new AuditEntry("financial-summary", "summary:100001", "2026-01-02T00:00:00.000Z", "001A", "UPSERTED",
                            null, "financial-summary/summary.jsonata", hash, "crm:Account")));
            store.xref().upsert("customer", List.of(new XrefEntry("001A", "100001", "2026-01-01T00:00:00.000Z")));
            store.deadLetters().record(DeadLetter.failure("customer-master", "map", "001A", "2026-01-03T00:00:00.000Z",
                    "MAPPING_FAILED", "no value", "{}"));
            store.deadLetters().record(DeadLetter.failure("contacts", "map", "003Z", "2026-01-03T00:00:00.000Z",
                    "MAPPING_FAILED", "no value", "{}"));
            store.watermarks().save("customer-master", new Watermark("2026-01-01T00:00:00.000Z", "001B"));
            store.watermarks().save("financial-summary/erp_customer", new Watermark("2026-01-02T00:00:00", "[1]"));
            store.leases().acquire("poll:customer-master", "host:/data", Duration.ofMinutes(1));
            // the outbox's sender holds a lease of its own: status still names the poller
            store.leases().acquire("outbox:customer-master", "other:/data", Duration.ofMinutes(1));
            store.outbox().add(List.of(
                    new OutboxEntry("customer-master", "Account", "001A", "{}", "001A", "v1", "{}",
                            java.time.Instant.parse("2026-01-03T00:00:00Z")),
                    new OutboxEntry("customer-master", "Account", "001B", "{}", "001B", "v1", "{}",
                            java.time.Instant.parse("2026-01-03T00:01:00Z"))));

            Map<String, FlowStatusQuery.FlowState> states = new FlowStatusQuery(store.dataSource())
                    .read(List.of("customer-master", "financial-summary", "never-ran"));
            FlowStatusQuery.FlowState cm = states.get("customer-master");
            assertThat(cm.outcomes()).containsExactlyInAnyOrderEntriesOf(Map.of("READ", 3L, "CREATED", 1L, "UPDATED", 1L));
            assertThat(cm.openDeadLetters()).isEqualTo(1);
            assertThat(cm.watermarks()).extracting(FlowStatusQuery.Position::stamp).containsExactly("2026-01-01T00:00:00.000Z");
            assertThat(cm.lease().owner()).isEqualTo("host:/data");
            assertThat(cm.lease().renewedAt()).isNotNull().isBefore(cm.lease().expiresAt());
            assertThat(states.get("financial-summary").watermarks()).extracting(FlowStatusQuery.Position::name)
                    .containsExactly("financial-summary/erp_customer");
            assertThat(states.get("financial-summary").lease()).isNull();
            assertThat(states.get("never-ran").outcomes()).isEmpty();
            assertThat(cm.outbox()).isEqualTo(new FlowStatusQuery.Outbox(2, java.time.Instant.parse("2026-01-03T00:00:00Z")));
            assertThat(states.get("never-ran").outbox()).isEqualTo(FlowStatusQuery.Outbox.EMPTY);

            // released at shutdown: no longer held, but when it last polled stays
            store.leases().release("poll:customer-master", "host:/data");
            FlowStatusQuery.Lease released = new FlowStatusQuery(store.dataSource()).read(List.of("customer-master"))
                    .get("customer-master").lease();
            assertThat(released.expiresAt()).isBeforeOrEqualTo(java.time.Instant.now());
            assertThat(released.renewedAt()).isNotNull();

            List<String> flows = List.of("customer-master", "financial-summary", "contacts");
            for (String id : List.of("001A", "100001")) { // by CRM id and by ERP key: the same story
                RecordTrailQuery.Trail trail = new RecordTrailQuery(store.dataSource()).find(id, flows);
                assertThat(trail.ids()).containsExactlyInAnyOrder("001A", "100001");
                assertThat(trail.links()).extracting(RecordTrailQuery.Link::erpId).containsExactly("100001");
                assertThat(trail.events()).extracting(RecordTrailQuery.Event::action)
                        .containsExactly("READ", "CREATED", "UPSERTED");
                RecordTrailQuery.Event created = trail.events().get(1);
                assertThat(created.mappingFile()).isEqualTo("customer-master/outbound.jsonata");
                assertThat(created.mappingHash()).isEqualTo(hash);
                assertThat(created.target()).isEqualTo("erp:erp_customer");
                assertThat(created.flags()).isEqualTo("PHONE_UNPARSEABLE");
                assertThat(trail.deadLetters()).singleElement().satisfies(d -> {
                    assertThat(d.reasonCode()).isEqualTo("MAPPING_FAILED");
                    assertThat(d.status()).isEqualTo("OPEN");
                    assertThat(d.attempts()).isEqualTo(1);
                });
            }
            assertThat(new RecordTrailQuery(store.dataSource()).find("001B", flows).events()).singleElement()
                    .extracting(RecordTrailQuery.Event::action).isEqualTo("READ");
            List<RecordTrailQuery.Event> both = new RecordTrailQuery(store.dataSource()).find("001C", flows).events();
            assertThat(both).extracting(RecordTrailQuery.Event::action).containsExactly("READ", "UPDATED");
            assertThat(both.get(0).target()).isEqualTo("crm");
            assertThat(both.get(0).at()).isEqualTo(java.time.Instant.parse("2025-12-31T23:59:00Z"));
            assertThat(both.get(0).targetId()).isNull();
            assertThat(both.get(1).target()).isEqualTo("erp:erp_customer");
            assertThat(both.get(1).targetId()).isEqualTo("100002");
            assertThat(new RecordTrailQuery(store.dataSource()).find("nobody", flows).isEmpty()).isTrue();
        }
    }
}
