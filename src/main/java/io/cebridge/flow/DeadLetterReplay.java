package io.cebridge.flow;

import io.cebridge.json.Json;
import io.cebridge.store.DeadLetter;
import io.cebridge.store.DeadLetterRepository;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.support.DefaultMessage;

/**
 * Re-injects dead letters marked with `dlq retry`: letters from ingest are cleansed again from the original CRM
 * record (a rule or mapping may have changed); letters from delivery go back on the topic as the event they were.
 */
public final class DeadLetterReplay {
    private static final String IDS = "bridge.retriedLetters";
    private final String flow;
    private final String ingestStage;
    private final DeadLetterRepository repository;
    private final Function<Map<String, Object>, Map<String, Object>> reingest;

    /** {@code reingest} turns an original source record into an event, or returns null when it is dead-lettered again. */
    public DeadLetterReplay(String flow, String ingestStage, DeadLetterRepository repository,
                            Function<Map<String, Object>, Map<String, Object>> reingest) {
        this.flow = flow;
        this.ingestStage = ingestStage;
        this.repository = repository;
        this.reingest = reingest;
    }

    /** Body out: the Kafka messages to send (possibly empty). */
    public void take(Exchange exchange) throws SQLException {
        List<Message> out = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        for (DeadLetter d : repository.retryRequested(flow)) {
            ids.add(d.id());
            String json;
            if (d.stage().equals(ingestStage)) {
                Map<String, Object> event;
                try {
                    event = reingest.apply(Json.readMap(d.payload()));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    continue; // a stored payload that is no longer JSON stays open for a person to look at
                }
                if (event == null) {
                    continue;
                }
                json = Json.write(event);
            } else if (d.payload() == null || d.payload().isEmpty()) {
                continue;
            } else {
                json = d.payload();
            }
            String tooLarge = KafkaMessageSize.problem(exchange.getContext(), "the record", d.sourceId(), json);
            if (tooLarge != null) { // sent, it would fail every letter of this retry; it stays a letter, one attempt more
                repository.record(DeadLetter.failure(flow, d.stage(), d.sourceId(), d.sourceVersion(),
                        KafkaMessageSize.REASON_CODE, tooLarge, d.payload()));
                continue;
            }
            Message m = new DefaultMessage(exchange.getContext());
            m.setHeader(KafkaConstants.KEY, d.sourceId());
            m.setBody(json);
            out.add(m);
        }
        exchange.setProperty(IDS, ids);
        exchange.getMessage().setBody(out);
    }

    /** After the messages are on Kafka: the letters wait for their record's new outcome. */
    @SuppressWarnings("unchecked")
    public void done(Exchange exchange) throws SQLException {
        for (Long id : (List<Long>) exchange.getProperty(IDS, List.class)) {
            repository.markRetried(id);
        }
    }
}
