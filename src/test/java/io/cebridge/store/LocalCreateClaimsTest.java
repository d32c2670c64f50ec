package io.cebridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The in-process claims give the answers of the store's table (CreateClaimRepositoryIT) and forget what is settled. */
class LocalCreateClaimsTest {
    private static final Duration LEASE = Duration.ofMinutes(2);
    private final LocalCreateClaims claims = new LocalCreateClaims();

    @Test
    void theFirstClaimantHoldsAValueAndAnotherRecordIsToldWhoHoldsIt() {
        assertThat(claims.claim("customer", Map.of("U1", "001A", "U2", "001B"), LEASE))
                .containsOnly(Map.entry("U1", "001A"), Map.entry("U2", "001B"));
        assertThat(claims.claim("customer", Map.of("U1", "001C"), LEASE)).containsOnly(Map.entry("U1", "001A"));
        assertThat(claims.claim("customer", Map.of("U1", "001A"), LEASE)).as("the holder claiming again keeps it")
                .containsOnly(Map.entry("U1", "001A"));
        assertThat(claims.claim("contact", Map.of("U1", "003X"), LEASE)).as("entities apart")
                .containsOnly(Map.entry("U1", "003X"));
    }

    @Test
    void aLapsedClaimIsTakenOver() {
        claims.claim("customer", Map.of("U1", "001A"), LEASE);
        assertThat(claims.claim("customer", Map.of("U1", "001B"), Duration.ZERO.minusMillis(1)))
                .containsOnly(Map.entry("U1", "001B"));
        assertThat(claims.claim("customer", Map.of("U1", "001A"), LEASE)).containsOnly(Map.entry("U1", "001B"));
    }

    @Test
    void onlyTheHolderGivesAClaimUpAndASettledClaimIsForgotten() {
        claims.claim("customer", Map.of("U1", "001A", "U2", "001B"), LEASE);
        claims.release("customer", Map.of("U1", "001Z"));
        assertThat(claims.claim("customer", Map.of("U1", "001C"), LEASE)).containsOnly(Map.entry("U1", "001A"));
        claims.release("customer", Map.of("U1", "001A"));
        assertThat(claims.claim("customer", Map.of("U1", "001C"), LEASE)).containsOnly(Map.entry("U1", "001C"));
        claims.settled("customer", Map.of("U1", "001C", "U2", "001B"));
        assertThat(claims.size()).isZero();
    }

    @Test
    void holdingNamesTheRecordsWithAClaimSinceATime() {
        Instant before = Instant.now().minusSeconds(1);
        claims.claim("customer", Map.of("U1", "001A", "U2", "001B"), LEASE);
        assertThat(claims.holding("customer", List.of("001A", "001C"), before)).containsExactly("001A");
        assertThat(claims.holding("contact", List.of("001A"), before)).isEmpty();
        assertThat(claims.holding("customer", List.of("001A"), Instant.now().plusSeconds(1))).isEmpty();
    }

    @Test
    void lapsedClaimsAreDroppedSoMemoryStaysSmall() {
        for (int i = 0; i < 1000; i++) {
            claims.claim("customer", Map.of("U" + i, "001" + i), LEASE);
        }
        assertThat(claims.size()).isEqualTo(1000);
        // a claim with a lease that has passed for every earlier claim sweeps them
        claims.claim("customer", Map.of("NEW", "001NEW"), Duration.ZERO.minusMillis(1));
        assertThat(claims.size()).isEqualTo(1);
    }
}
