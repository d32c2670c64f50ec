package io.cebridge.runtime;

import io.cebridge.error.Redactor;
import io.cebridge.store.StateStore;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * bridge.store.retention: at start and then every hour, deletes the resolved dead letters and the audit rows older than
 * the retention (and the create claims older than a day). Open (and retried, waiting) letters stay until someone
 * resolves them, and the cross-reference stays: it is the link between a CRM and an ERP record, and deleting it would
 * make the next change create a duplicate.
 */
final class StoreRetention extends RouteBuilder {
    static final String ROUTE_ID = "ce-bridge-store-retention";
    private static final Logger LOG = LoggerFactory.getLogger(StoreRetention.class);
    private static final Duration PERIOD = Duration.ofHours(1);
    private static final Duration CLAIMS_KEPT = Duration.ofDays(1);
    private final StateStore store;
    private final Duration retention;
    private final boolean once;

    StoreRetention(StateStore store, Duration retention, boolean once) {
        this.store = store;
        this.retention = retention;
        this.once = once;
    }

    @Override
    public void configure() {
        from("timer:" + ROUTE_ID + "?delay=0&period=" + PERIOD.toMillis() + "&repeatCount=" + (once ? 1 : 0))
                .routeId(ROUTE_ID)
                .process(exchange -> purge());
    }

    /** One purge; a store that cannot be reached now is tried again at the next period, nothing else waits on it. */
    void purge() {
        Instant before = Instant.now().minus(retention);
        try {
            int letters = store.deadLetters().purgeResolved(before);
            int audit = store.audit().purgeOlderThan(before);
            if (letters + audit > 0) {
                LOG.info("bridge.store.retention ({}): deleted {} resolved dead letter(s) and {} audit row(s) older than {}",
                        retention, letters, audit, before);
            }
            // a create claim matters during its lease (at most 1h); a lapsed one and none mean the same to delivery
            int claims = store.createClaims().purgeOlderThan(Instant.now().minus(CLAIMS_KEPT));
            if (claims > 0) {
                LOG.info("deleted {} create claim(s) older than {}", claims, CLAIMS_KEPT);
            }
        } catch (SQLException e) {
            LOG.warn("bridge.store.retention: purge failed, tried again in {} (SQLState {}): {}", PERIOD, e.getSQLState(),
                    Redactor.forLog(e.getMessage()));
        }
    }
}
