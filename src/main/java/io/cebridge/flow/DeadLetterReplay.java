package io.cebridge.flow;

import io.cebridge.json.Json;
import io.cebridge.store.DeadLetter;
import io.cebridge.store.DeadLetterRepository;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.support.DefaultMessage;

/**
 * Re-injects dead letters marked with `dlq retry` (or `dlq edit`, which first replaces the record a letter holds):
 * letters from ingest are mapped and cleansed again from the CRM record they hold (a rule or mapping may have changed,
 * or a person corrected a value); letters from delivery go back on the topic as the event they hold. Either way the
 * record passes every later step as any record does: nothing is written around the flow.
 */
public final class DeadLetterReplay {
    private static final String IDS = "bridge.retriedLetters";
    private final String flow;
    private final String ingestStage;
    private final DeadLetterRepository repository;
    private final Function<Map<String, Object>, Map<String, Object>> reingest;
    private final BooleanSupplier ingestReady;

    /** {@code reingest} turns an original source record into an event, or returns null when it is dead-lettered again. */
    public DeadLetterReplay(String flow, String ingestStage, DeadLetterRepository repository,
                            Function<Map<String, Object>, Map<String, Object>> reingest) {
        this(flow, ingestStage, repository, reingest, () -> true);
    }

    /**
     * {@code ingestReady}: false while {@code reingest} could not yet do every ingest step (before the flow's first
     * poll); ingest letters then wait for a later round, still marked for retry.
     */
    public DeadLetterReplay(String flow, String ingestStage, DeadLetterRepository repository,
                            Function<Map<String, Object>, Map<String, Object>> reingest, BooleanSupplier ingestReady) {
        this.flow = flow;
        this.ingestStage = ingestStage;
        this.repository = repository;
        this.reingest = reingest;
        this.ingestReady = ingestReady;
    }

    /** Body out: the Kafka messages to send (possibly empty). */
    public void take(Exchange exchange) throws SQLException {
        List<Message> out = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        boolean ready = ingestReady.getAsBoolean();
        for (DeadLetter d : repository.retryRequested(flow)) {
            boolean ingest = d.stage().equals(ingestStage);
            if (ingest && !ready) {
                continue;
            }
            ids.add(d.id());
            String json;
            if (ingest) {
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
