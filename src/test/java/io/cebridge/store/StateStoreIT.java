package io.cebridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.cebridge.config.Secret;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
        String db = "cebridge_store_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String url = switch (kind) {
            case "postgresql" -> admin("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "CREATE DATABASE " + db,
                    "jdbc:postgresql://127.0.0.1:5432/" + db);
            case "mariadb" -> admin("jdbc:mariadb://127.0.0.1:3306/", "root", "CREATE DATABASE " + db,
                    "jdbc:mariadb://127.0.0.1:3306/" + db);
            default -> StateStore.embeddedUrl(tmp);
        };
        String user = kind.equals("postgresql") ? "postgres" : kind.equals("mariadb") ? "root" : "";
        try {
            for (int open = 0; open < 2; open++) { // the second open finds the schema migrated already
                try (StateStore store = new StateStore(Pools.open("it-store", url, user, new Secret(""), 3))) {
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
            try (StateStore store = new StateStore(Pools.open("it-store", url, user, new Secret(""), 3))) {
                List<DeadLetter> letters = store.deadLetters().list("f", false);
                assertThat(letters).singleElement().satisfies(d -> {
                    assertThat(d.attempts()).isEqualTo(2);
                    assertThat(d.reason()).isEqualTo("reason 统一");
                });
                assertThat(store.deadLetters().resolveDelivered("f", "001C", "v2")).isEqualTo(1);
                assertThat(store.deadLetters().list("f", false)).isEmpty();
            }
        } finally {
            if (kind.equals("postgresql")) {
                admin("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "DROP DATABASE " + db + " WITH (FORCE)", null);
            } else if (kind.equals("mariadb")) {
                admin("jdbc:mariadb://127.0.0.1:3306/", "root", "DROP DATABASE " + db, null);
            }
        }
    }

    private static String admin(String url, String user, String sql, String result) throws Exception {
        try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
            s.execute(sql);
        }
        return result;
    }
}
