package io.cebridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Guards: migration V10 (create claims) or its repository working on one database only; two deliveries claiming a
 * value at once both being told they hold it (both would create the ERP record); a lapsed claim taken over by two
 * takers at once; a retry of the holder refused its own claim; a removal or purge taking another holder's claim.
 */
class CreateClaimRepositoryIT {
    private static final String CUSTOMER = "customer";
    private static final Duration LEASE = Duration.ofMinutes(2);
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void aClaimIsHeldByItsFirstClaimerItsRetriesAndATakerOnceItLapsed(String kind) throws Exception {
        try (ThrowawayStoreDatabase db = ThrowawayStoreDatabase.create(kind, tmp);
             StateStore store = db.open("it-store")) {
            CreateClaimRepository claims = store.createClaims();
            String longValue = "名".repeat(300);
            assertThat(claims.claim(CUSTOMER, Map.of("USCC-1", "001A", "USCC-2", "001A2", longValue, "001L"), LEASE))
                    .as("nobody held them").containsExactlyInAnyOrderEntriesOf(
                            Map.of("USCC-1", "001A", "USCC-2", "001A2", longValue, "001L"));
            assertThat(claims.claim(CUSTOMER, Map.of("USCC-1", "001B", longValue, "001M"), LEASE))
                    .as("held by others within the lease").containsExactlyInAnyOrderEntriesOf(
                            Map.of("USCC-1", "001A", longValue, "001L"));
            assertThat(claims.claim("contact", Map.of("USCC-1", "003B"), LEASE)).as("per entity")
                    .containsEntry("USCC-1", "003B");

            age(store, "USCC-1", Duration.ofMinutes(1));
            assertThat(claims.claim(CUSTOMER, Map.of("USCC-1", "001A"), LEASE)).as("its holder again (a retry)")
                    .containsEntry("USCC-1", "001A");
            assertThat(claimedAt(store, "USCC-1")).as("the retry renews the lease")
                    .isAfter(Instant.now().minusSeconds(30));

            age(store, "USCC-1", Duration.ofMinutes(3));
            assertThat(claims.claim(CUSTOMER, Map.of("USCC-1", "001B"), LEASE)).as("lapsed: taken over")
                    .containsEntry("USCC-1", "001B");
            assertThat(claims.claim(CUSTOMER, Map.of("USCC-1", "001A"), LEASE)).as("the old holder lost it")
                    .containsEntry("USCC-1", "001B");

            assertThat(claims.holding(CUSTOMER, List.of("001A", "001A2", "001B", "001X"), Instant.now().minus(LEASE)))
                    .containsExactlyInAnyOrder("001A2", "001B");
            claims.release(CUSTOMER, Map.of("USCC-2", "001B"));
            assertThat(claims.holding(CUSTOMER, List.of("001A2"), Instant.EPOCH)).as("only its holder removes it")
                    .containsExactly("001A2");
            claims.release(CUSTOMER, Map.of("USCC-2", "001A2"));
            assertThat(claims.holding(CUSTOMER, List.of("001A2"), Instant.EPOCH)).isEmpty();
            assertThat(claims.claim(CUSTOMER, Map.of("USCC-2", "001C"), LEASE)).as("removed: free again")
                    .containsEntry("USCC-2", "001C");

            age(store, "USCC-2", Duration.ofDays(2));
            assertThat(claims.purgeOlderThan(Instant.now().minus(Duration.ofDays(1)))).isEqualTo(1);
            assertThat(claims.holding(CUSTOMER, List.of("001B", "001C", "001L"), Instant.EPOCH))
                    .containsExactlyInAnyOrder("001B", "001L");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void ofDeliveriesClaimingTheSameValuesAtOnceEachValueHasOneHolderAndAllAgree(String kind) throws Exception {
        try (ThrowawayStoreDatabase db = ThrowawayStoreDatabase.create(kind, tmp);
             StateStore store = db.open("it-store")) {
            CreateClaimRepository claims = store.createClaims();
            List<String> values = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                values.add(String.format("91310000MA%07dX", i));
            }
            // fresh values, then the same values lapsed: the insert and the take-over each race four claimers
            for (boolean lapsed : new boolean[] {false, true}) {
                if (lapsed) {
                    try (Connection c = store.dataSource().getConnection();
                         PreparedStatement ps = c.prepareStatement("UPDATE bridge_create_claim SET claimed_at = ?")) {
                        ps.setTimestamp(1, Timestamp.from(Instant.now().minus(Duration.ofMinutes(10))));
                        ps.executeUpdate();
                    }
                }
                List<Map<String, String>> answers = race(claims, values, lapsed ? "t" : "c");
                Map<String, String> stored = holders(store);
                for (String v : values) {
                    String holder = stored.get(v);
                    assertThat(holder).as(v).isNotNull().startsWith(lapsed ? "t" : "c");
                    answers.forEach(a -> assertThat(a).as("every claimer is told the one holder").containsEntry(v, holder));
                }
            }
        }
    }

    /** Four claimers, each wanting every value (in its own order) for its own CRM ids, started together. */
    private static List<Map<String, String>> race(CreateClaimRepository claims, List<String> values, String prefix)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Map<String, String>>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Map<String, String> wanted = new LinkedHashMap<>();
                List<String> order = new ArrayList<>(values);
                java.util.Collections.shuffle(order, new java.util.Random(t));
                for (String v : order) {
                    wanted.put(v, prefix + t + "-" + v.substring(10));
                }
                futures.add(pool.submit(() -> {
                    start.await();
                    return claims.claim(CUSTOMER, wanted, LEASE);
                }));
            }
            start.countDown();
            List<Map<String, String>> out = new ArrayList<>();
            for (Future<Map<String, String>> f : futures) {
                out.add(f.get(2, TimeUnit.MINUTES));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Map<String, String> holders(StateStore store) throws Exception {
        Map<String, String> out = new HashMap<>();
        try (Connection c = store.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT claim_value, source_id FROM bridge_create_claim");
             var rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }

    private static void age(StateStore store, String value, Duration age) throws Exception {
        try (Connection c = store.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE bridge_create_claim SET claimed_at = ? WHERE claim_value = ?")) {
            ps.setTimestamp(1, Timestamp.from(Instant.now().minus(age)));
            ps.setString(2, value);
            assertThat(ps.executeUpdate()).isGreaterThan(0);
        }
    }

    private static Instant claimedAt(StateStore store, String value) throws Exception {
        try (Connection c = store.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT claimed_at FROM bridge_create_claim WHERE entity = ?"
                     + " AND claim_value = ?")) {
            ps.setString(1, CUSTOMER);
            ps.setString(2, value);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getTimestamp(1).toInstant();
            }
        }
    }
}
