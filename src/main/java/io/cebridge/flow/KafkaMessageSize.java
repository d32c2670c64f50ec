package io.cebridge.flow;

import java.nio.charset.StandardCharsets;
import org.apache.camel.CamelContext;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.kafka.common.record.AbstractRecords;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.record.Record;
import org.apache.kafka.common.record.RecordBatch;

/**
 * Whether one record or document fits one Kafka message, measured as the Kafka producer measures it before sending
 * (its upper bound of the record's size against {@code max.request.size}, as the Camel kafka component is configured:
 * bridge.kafka.max-message-size, which also sets the topics' {@code max.message.bytes}).
 * A message over the limit fails the send of its whole page with RecordTooLargeException on every poll; checked first,
 * it is dead-lettered {@value #REASON_CODE} alone and the rest of the page goes on.
 */
public final class KafkaMessageSize {
    public static final String REASON_CODE = "TOO_LARGE";
    /** The producer's default max.request.size, when the component does not say. */
    private static final int PRODUCER_DEFAULT = 1_048_576;
    /** More than a v2 record batch's header and one record's framing (61 + 21 bytes, varints included). */
    private static final int RECORD_OVERHEAD_BOUND = 256;

    private KafkaMessageSize() {
    }

    /** Why the message does not fit, with its size and the limit, or null when it does. */
    public static String problem(CamelContext camel, String what, String key, String value) {
        int limit = limit(camel);
        long chars = (key == null ? 0 : key.length()) + (value == null ? 0 : value.length());
        if (3 * chars + RECORD_OVERHEAD_BOUND <= limit) {
            return null; // a UTF-16 char is at most 3 UTF-8 bytes: the common record fits without encoding it again
        }
        int size = AbstractRecords.estimateSizeInBytesUpperBound(RecordBatch.CURRENT_MAGIC_VALUE, CompressionType.NONE,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value == null ? null : value.getBytes(StandardCharsets.UTF_8), Record.EMPTY_HEADERS);
        return size <= limit ? null : what + " is " + size + " bytes as one Kafka message; the limit is " + limit
                + " bytes (the producer's max.request.size and the topic's max.message.bytes, both set by"
                + " bridge.kafka.max-message-size); make it smaller in the source system or raise that limit";
    }

    static int limit(CamelContext camel) {
        KafkaComponent kafka = camel == null ? null : camel.getComponent("kafka", KafkaComponent.class);
        Integer max = kafka == null || kafka.getConfiguration() == null ? null : kafka.getConfiguration().getMaxRequestSize();
        return max == null ? PRODUCER_DEFAULT : max;
    }
}
