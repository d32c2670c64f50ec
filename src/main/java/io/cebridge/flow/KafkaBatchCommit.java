package io.cebridge.flow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.common.errors.RebalanceInProgressException;

/**
 * Acknowledges a batch consumed with batching=true and manual commit: commits, for every partition in the batch,
 * the offset of its last record. Run as the last step, after every record is delivered or dead-lettered.
 */
public final class KafkaBatchCommit {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(KafkaBatchCommit.class);

    @SuppressWarnings("unchecked")
    public void commit(Exchange exchange) {
        List<Exchange> polled = exchange.getMessage().getBody(List.class);
        Map<Integer, KafkaManualCommit> lastPerPartition = new LinkedHashMap<>();
        for (Exchange e : polled) {
            KafkaManualCommit c = e.getMessage().getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class);
            Integer partition = e.getMessage().getHeader(KafkaConstants.PARTITION, Integer.class);
            if (c != null && partition != null) {
                lastPerPartition.put(partition, c); // records of a partition arrive in offset order
            }
        }
        try {
            lastPerPartition.values().forEach(KafkaManualCommit::commit);
        } catch (RuntimeException e) {
            if (!rebalancing(e)) {
                throw e;
            }
            // another consumer of the group joined or left while this batch was delivered (several delivery consumers
            // starting, an instance stopping): the batch is delivered but not acknowledged; whoever holds its
            // partitions after the rebalance reads it again and finds every record applied (unchanged). Not a
            // failure: it must not end `run --once` or count against the flow.
            LOG.info("{}: batch delivered, its offsets not committed during a consumer-group rebalance; read again"
                    + " and found applied after it", exchange.getFromRouteId());
        }
    }

    private static boolean rebalancing(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RebalanceInProgressException || t instanceof CommitFailedException) {
                return true;
            }
        }
        return false;
    }
}
