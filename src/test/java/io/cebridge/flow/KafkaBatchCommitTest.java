package io.cebridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.junit.jupiter.api.Test;

/** The batch's last offset per partition is committed; a commit refused for a group rebalance is no failure. */
class KafkaBatchCommitTest {
    private final CamelContext camel = new DefaultCamelContext();

    @Test
    void commitsTheLastRecordOfEachPartition() {
        List<String> committed = new ArrayList<>();
        Exchange batch = batch(new int[] {0, 1, 0, 1, 2}, (p, i) -> committed.add(p + ":" + i));
        new KafkaBatchCommit().commit(batch);
        assertThat(committed).containsExactlyInAnyOrder("0:2", "1:3", "2:4");
    }

    @Test
    void aCommitRefusedDuringARebalanceLeavesTheBatchUnacknowledgedWithoutFailing() {
        Exchange batch = batch(new int[] {0, 1}, (p, i) -> {
            throw new RebalanceInProgressException("Offset commit cannot be completed since the consumer is"
                    + " undergoing a rebalance");
        });
        new KafkaBatchCommit().commit(batch); // no exception: the route does not fail, run --once goes on
    }

    @Test
    void anyOtherCommitFailureFailsTheBatch() {
        Exchange batch = batch(new int[] {0}, (p, i) -> {
            throw new org.apache.kafka.common.errors.TimeoutException("broker gone");
        });
        assertThatThrownBy(() -> new KafkaBatchCommit().commit(batch)).hasMessageContaining("broker gone");
    }

    private interface OnCommit {
        void commit(int partition, int index);
    }

    private Exchange batch(int[] partitions, OnCommit onCommit) {
        List<Exchange> polled = new ArrayList<>();
        for (int i = 0; i < partitions.length; i++) {
            int p = partitions[i];
            int index = i;
            Exchange e = new DefaultExchange(camel);
            e.getMessage().setHeader(KafkaConstants.PARTITION, p);
            e.getMessage().setHeader(KafkaConstants.MANUAL_COMMIT, (KafkaManualCommit) () -> onCommit.commit(p, index));
            polled.add(e);
        }
        Exchange batch = new DefaultExchange(camel);
        batch.getMessage().setBody(polled);
        return batch;
    }
}
