package io.cebridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Guards: migration V8 (the write-back outbox) or its repository working on H2 only; a write-back stored again while
 * its job ran (a newer version, or the batch delivered again) being deleted with the one the job sent, and so lost; a
 * payload over 1 MB cut by a column (H2's V11 made it an inline string instead of a CLOB); a job's rows beyond the first
 * delete chunk left behind (sent again by every later job), or a newer one in a later chunk deleted.
 */
class OutboxRepositoryIT {
    private static final String FLOW = "customer-master";
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void rowsLeaveOnlyAsTheyWereReadAndANewerOneStays(String kind) throws Exception {
        try (ThrowawayStoreDatabase db = ThrowawayStoreDatabase.create(kind, tmp);
             StateStore store = db.open("it-store")) {
            OutboxRepository outbox = store.outbox();
            Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(60);
            String event = "{\"sourceId\":\"001A\",\"name\":\"上海甲公司 " + "x".repeat(1_100_000) + "\"}";
            outbox.add(List.of(
                    entry("001A", "{\"ERP_Customer_No__c\":\"C1\"}", "2026-11-30T10:00:00.000Z", event, t0),
                    entry("001B", "{\"ERP_Customer_No__c\":\"C2\"}", "2026-11-30T10:00:01.000Z", "{}", t0.plusSeconds(1)),
                    new OutboxEntry(FLOW, "Opportunity", "006A", "{\"ERP_Customer_No__c\":\"C1\"}", "0Q0A",
                            "2026-11-30T10:00:02.000Z", "{}", t0.plusSeconds(2)),
                    new OutboxEntry("contacts", "Contact", "003A", "{}", "003A", "v", "{}", t0)));

            assertThat(outbox.count(FLOW)).isEqualTo(3);
            assertThat(outbox.any(FLOW)).isTrue();
            assertThat(outbox.any("returns")).isFalse();
            assertThat(outbox.ages(FLOW)).hasValueSatisfying(a -> {
                assertThat(a[0]).isEqualTo(t0);
                assertThat(a[1]).isEqualTo(t0.plusSeconds(2));
            });
            List<OutboxEntry> sent = outbox.oldest(FLOW, 10);
            assertThat(sent).as("one object per job: the oldest's").extracting(OutboxEntry::recordId)
                    .containsExactly("001A", "001B");
            assertThat(sent.get(0).payload()).as("read only for refusals").isNull();
            assertThat(outbox.payloads(FLOW, "Account", List.of("001A"))).containsEntry("001A", event);

            // while the job ran, 001B changed again and its newer write-back replaced the one sent
            outbox.add(List.of(entry("001B", "{\"ERP_Customer_No__c\":\"C2\"}", "2026-11-30T11:00:00.000Z", "{}",
                    t0.plusSeconds(30))));
            outbox.remove(sent);

            assertThat(outbox.count(FLOW)).as("001B's newer one and the opportunity").isEqualTo(2);
            List<OutboxEntry> next = outbox.oldest(FLOW, 10);
            assertThat(next).extracting(OutboxEntry::recordId).as("now the oldest: the opportunity").containsExactly("006A");
            outbox.remove(next);
            assertThat(outbox.oldest(FLOW, 10)).extracting(OutboxEntry::recordId, OutboxEntry::sourceVersion)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("001B", "2026-11-30T11:00:00.000Z"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void aJobOfMoreRowsThanADeleteChunkLeavesWholeButANewerOneInItsLastChunkStays(String kind) throws Exception {
        try (ThrowawayStoreDatabase db = ThrowawayStoreDatabase.create(kind, tmp);
             StateStore store = db.open("it-store")) {
            OutboxRepository outbox = store.outbox();
            Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(60);
            int rows = 2 * OutboxRepository.REMOVE_CHUNK + 500;
            List<OutboxEntry> stored = new java.util.ArrayList<>();
            for (int i = 0; i < rows; i++) {
                String id = String.format("001%012d", i);
                stored.add(entry(id, "{\"ERP_Customer_No__c\":\"C" + i + "\"}", "v1", "{}", t0.plusMillis(i)));
            }
            outbox.add(stored);
            List<OutboxEntry> sent = outbox.oldest(FLOW, rows);
            assertThat(sent).hasSize(rows);
            String changed = sent.get(rows - 10).recordId(); // in the last chunk
            outbox.add(List.of(entry(changed, "{\"ERP_Customer_No__c\":\"C9\"}", "v2", "{}", t0.plusSeconds(30))));

            outbox.remove(sent);

            assertThat(outbox.oldest(FLOW, rows)).extracting(OutboxEntry::recordId, OutboxEntry::sourceVersion)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(changed, "v2"));
        }
    }

    private static OutboxEntry entry(String id, String fields, String version, String payload, Instant created) {
        return new OutboxEntry(FLOW, "Account", id, fields, id, version, payload, created);
    }
}
