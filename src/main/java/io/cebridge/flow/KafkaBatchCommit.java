package io.cebridge.flow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;

/**
 * Acknowledges a batch consumed with batching=true and manual commit: commits, for every partition in the batch,
 * the offset of its last record. Run as the last step, after every record is delivered or dead-lettered.
 */
public final class KafkaBatchCommit {

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
        lastPerPartition.values().forEach(KafkaManualCommit::commit);
    }
}
