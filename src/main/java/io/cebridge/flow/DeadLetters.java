package io.cebridge.flow;

import io.cebridge.error.RetriableException;
import io.cebridge.flow.FlowStats;
import io.cebridge.store.DeadLetter;
import io.cebridge.store.DeadLetterRepository;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a record into the dead-letter store and counts it. If the store cannot take it, the failure is thrown as
 * retriable so the batch is not acknowledged and the record is not lost.
 */
public final class DeadLetters {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
    private final DeadLetterRepository repository;
    private final FlowStats stats;
    private volatile DeliveryListener listener;

    public DeadLetters(DeadLetterRepository repository, FlowStats stats) {
        this.repository = repository;
        this.stats = stats;
    }

    public void put(String flow, String stage, String sourceId, String sourceVersion, String reasonCode, String reason,
                    String payload) {
        if (!store(DeadLetter.failure(flow, stage, sourceId, sourceVersion, reasonCode, reason, payload))) {
            // the same version read again after a person handled its letter (dlq edit, dlq resolve): not a new failure
            stats.of(flow).unchanged.incrementAndGet();
            return;
        }
        stats.of(flow).deadLettered.incrementAndGet();
        DeliveryListener l = listener;
        if (l != null) {
            l.deadLettered(flow, stage, sourceId, sourceVersion, reasonCode, reason, payload);
        }
        // the reason can quote customer data; the log names the record and the code only
        LOG.warn("{}: record {} dead-lettered at {}: {}", flow, io.cebridge.error.Redactor.oneLine(sourceId), stage,
                reasonCode);
    }

    /**
     * Keeps a record that cannot be delivered yet but will be (a document whose customer is not linked): stored like
     * a dead letter, so it is visible in `dlq list` and survives restarts, but counted as waiting, not as failed.
     */
    public void park(String flow, String stage, String sourceId, String sourceVersion, String reasonCode, String reason,
                     String payload) {
        if (!store(DeadLetter.failure(flow, stage, sourceId, sourceVersion, reasonCode, reason, payload))) {
            stats.of(flow).unchanged.incrementAndGet();
            return;
        }
        stats.of(flow).waiting.incrementAndGet();
        LOG.debug("{}: record {} waits at {}: {}", flow, io.cebridge.error.Redactor.oneLine(sourceId), stage, reasonCode);
    }

    /**
     * Any store failure keeps the record unacknowledged. Missing permissions, tables or credentials stop the flow
     * (a person must fix the store); anything else is retriable: the route retries the step with back-off, then
     * fails the batch for redelivery.
     */
    private boolean store(DeadLetter letter) {
        try {
            return repository.record(letter);
        } catch (SQLException e) {
            if (io.cebridge.error.ErrorClassifier.classify(e) == io.cebridge.error.ErrorKind.SYSTEM) {
                throw new io.cebridge.error.SystemFailureException("the dead-letter store refuses writes (SQLState "
                        + e.getSQLState() + "): check the state store's permissions and schema", e);
            }
            throw new RetriableException("dead-letter store unavailable (SQLState " + e.getSQLState() + ")", e);
        }
    }

    public void listener(DeliveryListener listener) {
        this.listener = listener;
    }

    public DeadLetterRepository repository() {
        return repository;
    }
}
