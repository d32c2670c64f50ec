package io.cebridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Guards: a person's edit undone, or a letter they resolved reopened, by the source's same version read again; a new
 * failure of the edited record or a new version not stored; on H2, PostgreSQL and MariaDB (migration V6 included).
 */
class LetterActionsIT {
    private static final String FLOW = "customer-master";
    private static final String ORIGINAL = "{\"Id\":\"001A\",\"USCC__c\":\"9133\"}";
    private static final String EDITED = "{\"Id\":\"001A\",\"USCC__c\":\"91310115591693856A\"}";
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void whatAPersonDidIsNotUndoneByTheSameVersionReadAgain(String kind) throws Exception {
        try (ThrowawayStoreDatabase db = ThrowawayStoreDatabase.create(kind, tmp); StateStore store = db.open("it-inbox")) {
            DeadLetterRepository letters = store.deadLetters();
            LetterActions actions = new LetterActions(store.dataSource());
            assertThat(letters.record(failure("001A", "v1", ORIGINAL))).isTrue();
            DeadLetter letter = letters.list(FLOW, true).get(0);

            assertThat(actions.edit(letter, EDITED, "[]", "alice", "typo")).isTrue();
            // the look-back reads the CRM's copy of v1 again: the edit stands
            assertThat(letters.record(failure("001A", "v1", ORIGINAL))).isFalse();
            DeadLetter edited = letters.get(letter.id()).orElseThrow();
            assertThat(edited.payload()).isEqualTo(EDITED);
            assertThat(edited.status()).isEqualTo(DeadLetter.RETRY_REQUESTED);
            assertThat(edited.attempts()).isEqualTo(1);
            // marked for retry, the flow may be sending it: no second edit until its outcome
            assertThat(actions.edit(edited, ORIGINAL, "[]", "alice", null)).isFalse();
            // the edited record failing on its retry is stored: one attempt more, the person sees it
            String editedAsReingested = EDITED.replace("}", ",\"x\":1}");
            assertThat(letters.record(failure("001A", "v1", editedAsReingested))).isTrue();
            DeadLetter failedAgain = letters.get(letter.id()).orElseThrow();
            assertThat(failedAgain.attempts()).isEqualTo(2);
            assertThat(failedAgain.status()).isEqualTo(DeadLetter.OPEN);
            assertThat(failedAgain.payload()).isEqualTo(editedAsReingested);
            // an edit of the letter as read before the flow changed it (attempt 1, now 2) is refused
            assertThat(actions.edit(letter, EDITED, "[]", "alice", null)).isFalse();
            // a person who edits the record back to the source's copy gets its failures stored again
            assertThat(actions.edit(failedAgain, ORIGINAL, "[]", "alice", null)).isTrue();
            assertThat(letters.record(failure("001A", "v1", ORIGINAL))).isTrue();
            assertThat(letters.get(letter.id()).orElseThrow().attempts()).isEqualTo(3);

            assertThat(letters.record(failure("001B", "v1", ORIGINAL.replace("001A", "001B")))).isTrue();
            DeadLetter other = letters.list(FLOW, false).stream().filter(d -> d.sourceId().equals("001B")).findFirst()
                    .orElseThrow();
            assertThat(actions.resolve(other, "bob", "closed down")).isTrue();
            assertThat(actions.resolve(other, "bob", "twice")).isFalse();
            assertThat(letters.record(failure("001B", "v1", ORIGINAL.replace("001A", "001B")))).as("same version").isFalse();
            assertThat(letters.list(FLOW, false)).extracting(DeadLetter::sourceId).containsExactly("001A");
            // a new version is a new failure: a new letter
            assertThat(letters.record(failure("001B", "v2", ORIGINAL.replace("001A", "001B")))).isTrue();
            assertThat(letters.list(FLOW, false)).extracting(DeadLetter::sourceId).containsExactly("001A", "001B");

            List<LetterAction> history = actions.of(letter.id());
            assertThat(history).extracting(LetterAction::action).containsExactly("EDITED", "EDITED");
            assertThat(actions.of(other.id())).singleElement().satisfies(a -> {
                assertThat(a.actor()).isEqualTo("bob");
                assertThat(a.note()).isEqualTo("closed down");
            });
            DeadLetter resolved = letters.get(other.id()).orElseThrow();
            assertThat(resolved.resolvedBy()).isEqualTo("bob");
            assertThat(resolved.resolvedAt()).isNotNull();
            // the record's trail says who did what to its letters
            RecordTrailQuery.Trail trail = new RecordTrailQuery(store.dataSource()).find("001B", List.of(FLOW));
            assertThat(trail.deadLetters()).filteredOn(d -> d.id() == other.id()).singleElement()
                    .satisfies(d -> assertThat(d.actions()).singleElement().satisfies(a -> {
                        assertThat(a.action()).isEqualTo("RESOLVED");
                        assertThat(a.actor()).isEqualTo("bob");
                        assertThat(a.note()).isEqualTo("closed down");
                    }));
        }
    }

    private static DeadLetter failure(String id, String version, String payload) {
        return DeadLetter.failure(FLOW, "ingest", id, version, "USCC_FORMAT", "uscc has 4 characters", payload);
    }
}
