package io.cebridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Guards: the state store's migrations or upserts working on H2 only and failing on PostgreSQL or MariaDB. */
class StateStoreIT {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void migratesAndKeepsCrossReferenceWatermarksAndDeadLetters(String kind) throws Exception {
        try (ThrowawayStoreDatabase db = ThrowawayStoreDatabase.create(kind, tmp)) {
            for (int open = 0; open < 2; open++) { // the second open finds the schema migrated already
                try (StateStore store = db.open("it-store")) {
                    store.xref().upsert("customer", List.of(new XrefEntry("001A", "100001", "2026-01-01T00:00:00.000Z")));
                    store.xref().upsert("customer", List.of(new XrefEntry("001A", "100001", "2026-01-02T00:00:00.000Z")));
                    assertThat(store.xref().find("customer", List.of("001A", "001B")))
                            .containsOnlyKeys("001A").extractingByKey("001A").extracting(XrefEntry::sourceVersion)
                            .isEqualTo("2026-01-02T00:00:00.000Z");
                    store.watermarks().save("f", new Watermark("2026-01-02T00:00:00.000Z", "001A"));
                    assertThat(store.watermarks().get("f")).contains(new Watermark("2026-01-02T00:00:00.000Z", "001A"));
                    store.deadLetters().record(DeadLetter.failure("f", "ingest", "001C", "v1", "X", "reason 统一", "{}"));
                    Map<String, String> openLetters = store.deadLetters().openVersions("f", List.of("001C"));
                    assertThat(openLetters).containsEntry("001C", "v1");
                }
            }
            try (StateStore store = db.open("it-store")) {
                List<DeadLetter> letters = store.deadLetters().list("f", false);
                assertThat(letters).singleElement().satisfies(d -> {
                    assertThat(d.attempts()).isEqualTo(2);
                    assertThat(d.reason()).isEqualTo("reason 统一");
                });
                assertThat(store.deadLetters().resolveDelivered("f", "001C", "v2")).isEqualTo(1);
                assertThat(store.deadLetters().list("f", false)).isEmpty();
            }
        }
    }
}
