package io.cebridge.flow;

import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;

/** When a poller handed a record on: its Kafka record's time, which the audit's READ row of the record carries. */
public final class ReadTime {
    private ReadTime() {
    }

    /** The Kafka record time of one polled exchange, or null when the broker gave none. */
    public static Instant of(Exchange polled) {
        Long millis = polled.getMessage().getHeader(KafkaConstants.TIMESTAMP, Long.class);
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}
