package io.cebridge.flow.erptocrm;

import io.cebridge.connector.erp.jdbc.DocumentRef;
import io.cebridge.flow.DeadLetters;
import io.cebridge.flow.KafkaMessageSize;
import io.cebridge.json.Json;
import io.cebridge.flow.FlowStats;
import io.cebridge.store.SourceVersion;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.support.DefaultMessage;

/**
 * Loads the changed documents of a page and turns them into canonical events keyed by document, so one document's
 * snapshots stay in order on one partition. The event's version is the time the snapshot was read: a later read of
 * a document is always the newer state, whichever of its rows changed.
 */
public final class ErpIngest {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ErpIngest.class);
    private final String flow;
    private final Map<String, DocumentType> types;
    /** Stage of a document that could not be put on Kafka (too large for one message). */
    public static final String PUBLISH_STAGE = "publish";
    private final FlowStats stats;
    private final DeadLetters deadLetters;
    private final Clock clock;

    public ErpIngest(String flow, Map<String, DocumentType> types, FlowStats stats, DeadLetters deadLetters, Clock clock) {
        this.flow = flow;
        this.types = Map.copyOf(types);
        this.stats = stats;
        this.deadLetters = deadLetters;
        this.clock = clock;
    }

    /** Body in: list of {@link DocumentRef}. Body out: list of Kafka messages. */
    @SuppressWarnings("unchecked")
    public void load(Exchange exchange) throws SQLException {
        List<DocumentRef> refs = exchange.getMessage().getBody(List.class);
        Map<String, List<String>> byType = new LinkedHashMap<>();
        refs.forEach(r -> byType.computeIfAbsent(r.type(), t -> new ArrayList<>()).add(r.key()));
        List<Message> out = new ArrayList<>();
        int read = 0;
        for (Map.Entry<String, List<String>> e : byType.entrySet()) {
            DocumentType type = types.get(e.getKey());
            String version = SourceVersion.of(clock.instant());
            Map<String, Map<String, Object>> docs = type.loader().load(e.getValue());
            for (String key : e.getValue()) {
                Map<String, Object> doc = docs.get(key);
                if (doc == null) {
                    // deleted between the change and this read; CRM copies of deleted ERP documents are left as they are
                    LOG.info("{}: {} {} no longer exists in the ERP; nothing sent", flow, type.name(), key);
                    continue;
                }
                String id = new DocumentRef(type.name(), key).id();
                String json = Json.write(event(type.name(), key, version, doc));
                String tooLarge = KafkaMessageSize.problem(exchange.getContext(), "the " + type.name() + " document "
                        + key, id, json);
                if (tooLarge != null) {
                    read++;
                    deadLetters.put(flow, PUBLISH_STAGE, id, version, KafkaMessageSize.REASON_CODE, tooLarge, json);
                    continue;
                }
                Message m = new DefaultMessage(exchange.getContext());
                m.setHeader(KafkaConstants.KEY, id);
                m.setBody(json);
                out.add(m);
            }
        }
        stats.of(flow).read.addAndGet(read + out.size());
        exchange.getMessage().setBody(out);
    }

    static Map<String, Object> event(String type, String key, String version, Map<String, Object> doc) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("sourceId", new DocumentRef(type, key).id());
        event.put("sourceVersion", version);
        event.put("documentType", type);
        event.put("documentKey", key);
        event.put("document", doc);
        return event;
    }
}
