package io.cebridge.flow.customermaster;

import io.cebridge.cleanse.CleanseResult;
import io.cebridge.cleanse.CustomerCleanser;
import io.cebridge.cleanse.Rejection;
import io.cebridge.flow.DeadLetters;
import io.cebridge.flow.Json;
import io.cebridge.mapping.MappingHandle;
import io.cebridge.mapping.MappingException;
import io.cebridge.runtime.FlowStats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.support.DefaultMessage;

/**
 * Turns CRM account records into canonical customer events: the inbound mapping, then cleansing and validation.
 * Rejected records go to the dead-letter store with every reason; the rest become Kafka messages keyed by CRM id.
 */
public final class CustomerIngest {
    public static final String STAGE = "ingest";
    private final String flow;
    private final String sourceSystem;
    private final MappingHandle inbound;
    private final CustomerCleanser cleanser;
    private final DeadLetters deadLetters;
    private final FlowStats stats;

    public CustomerIngest(String flow, String sourceSystem, MappingHandle inbound, CustomerCleanser cleanser,
                          DeadLetters deadLetters, FlowStats stats) {
        this.flow = flow;
        this.sourceSystem = sourceSystem;
        this.inbound = inbound;
        this.cleanser = cleanser;
        this.deadLetters = deadLetters;
        this.stats = stats;
    }

    /** Body in: list of CRM records. Body out: list of Kafka messages (JSON events with the CRM id as key). */
    @SuppressWarnings("unchecked")
    public void prepare(Exchange exchange) throws java.sql.SQLException {
        List<Map<String, Object>> raw = exchange.getMessage().getBody(List.class);
        stats.of(flow).read.addAndGet(raw.size());
        Map<String, String> open = deadLetters.repository().openVersions(flow,
                raw.stream().map(r -> String.valueOf(r.get("Id"))).toList());
        List<Map<String, Object>> fresh = raw.stream()
                .filter(r -> !String.valueOf(r.get("SystemModstamp")).equals(open.get(String.valueOf(r.get("Id")))))
                .toList();
        // a version already dead-lettered and read again (look-back) stays in the dead-letter store as it is
        stats.of(flow).unchanged.addAndGet(raw.size() - fresh.size());
        exchange.getMessage().setBody(toMessages(exchange, fresh));
    }

    public List<Message> toMessages(Exchange exchange, List<Map<String, Object>> raw) {
        List<Message> out = new ArrayList<>(raw.size());
        for (Map<String, Object> record : raw) {
            Map<String, Object> event = toEvent(record);
            if (event != null) {
                Message m = new DefaultMessage(exchange.getContext());
                m.setHeader(KafkaConstants.KEY, event.get("sourceId"));
                m.setBody(Json.write(event));
                out.add(m);
            }
        }
        return out;
    }

    /** The canonical event, or null when the record was dead-lettered. */
    Map<String, Object> toEvent(Map<String, Object> record) {
        String id = String.valueOf(record.get("Id"));
        String version = String.valueOf(record.get("SystemModstamp"));
        Map<String, Object> mapped;
        try {
            mapped = inbound.current().apply(record);
        } catch (MappingException e) {
            deadLetters.put(flow, STAGE, id, version, "MAPPING_FAILED", e.getMessage(), Json.write(record));
            return null;
        }
        CleanseResult cleaned = cleanser.cleanse(mapped);
        if (cleaned.rejected()) {
            String codes = cleaned.rejections().stream().map(Rejection::code).distinct().collect(Collectors.joining(","));
            String reasons = cleaned.rejections().stream().map(r -> r.field() + ": " + r.message())
                    .collect(Collectors.joining("; "));
            deadLetters.put(flow, STAGE, id, version, codes, reasons, Json.write(record));
            return null;
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("sourceSystem", sourceSystem);
        event.put("sourceId", id);
        event.put("sourceVersion", version);
        event.putAll(cleaned.record());
        event.put("flags", cleaned.flags());
        return event;
    }
}
