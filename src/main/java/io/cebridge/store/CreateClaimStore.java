package io.cebridge.store;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * Where create claims are kept (see {@link CreateClaimRepository} for what a claim is): in the state store's table,
 * which every instance sharing the store sees, or in this process ({@link LocalCreateClaims}) when the store is one
 * only this process opens, so only this process's deliveries can race. Values map to CRM ids (the holders).
 */
public interface CreateClaimStore {
    /**
     * Claims each value for the CRM record that would create its ERP record ({@code wanted}: value -> CRM id); returns
     * who holds each value now: the wanted id when the caller holds it (claimed now, held already, renewed, or taken
     * over from a holder older than {@code lease}), another id when that record holds it within the lease.
     */
    Map<String, String> claim(String entity, Map<String, String> wanted, Duration lease) throws SQLException;

    /** Gives up claims whose holder's create failed (value -> holder), so records waiting for it go on at once. */
    void release(String entity, Map<String, String> held) throws SQLException;

    /**
     * The holders' ERP writes are committed (value -> holder): a later record with the value finds the ERP record, so
     * the claims are no longer needed. A store may give them up now or let them lapse.
     */
    void settled(String entity, Map<String, String> held) throws SQLException;

    /** Those of {@code sourceIds} that hold a claim made at or after {@code since} (one still within its lease). */
    Set<String> holding(String entity, Collection<String> sourceIds, Instant since) throws SQLException;
}
