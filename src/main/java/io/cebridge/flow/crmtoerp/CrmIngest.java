package io.cebridge.flow.crmtoerp;

import io.cebridge.cleanse.CleanseResult;
import io.cebridge.cleanse.Cleanser;
import io.cebridge.cleanse.Rejection;
import io.cebridge.connector.crm.RecordProblem;
import io.cebridge.connector.crm.salesforce.SalesforceIdFormat;
import io.cebridge.flow.DeadLetters;
import io.cebridge.flow.KafkaMessageSize;
import io.cebridge.json.Json;
import io.cebridge.json.Numbers;
import io.cebridge.mapping.MappingHandle;
import io.cebridge.mapping.MappingException;
import io.cebridge.flow.FlowStats;
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
 * A flow's ingest steps on one CRM page: map each record to the canonical model, cleanse it with the flow's rule set,
 * and publish the canonical events as Kafka messages keyed by CRM id. A record that fails a step is dead-lettered at
 * stage {@value #STAGE} with its CRM record, so `dlq retry` runs it through the (possibly edited) steps again.
 */
public final class CrmIngest {
    public static final String STAGE = "ingest";
    private final String flow;
    private final String sourceSystem;
    private final DeadLetters deadLetters;
    private final FlowStats stats;
    private volatile MappingHandle inbound;
    private volatile Cleanser cleanser;
    /** Set once a poll has passed every ingest step: from then on the mapping and rules to re-ingest with are known. */
    private volatile boolean stepsKnown;

    public CrmIngest(String flow, String sourceSystem, DeadLetters deadLetters, FlowStats stats) {
        this.flow = flow;
        this.sourceSystem = sourceSystem;
        this.deadLetters = deadLetters;
        this.stats = stats;
    }

    /** Body in: the page's CRM records. Starts the ingest batch; a version already dead-lettered is not taken again. */
    @SuppressWarnings("unchecked")
    public RecordBatch begin(Exchange exchange) throws java.sql.SQLException {
        List<Map<String, Object>> raw = exchange.getMessage().getBody(List.class);
        stats.of(flow).read.addAndGet(raw.size());
        Map<String, String> open = deadLetters.repository().openVersions(flow,
                raw.stream().map(r -> String.valueOf(r.get("Id"))).toList());
        RecordBatch batch = new RecordBatch(true);
        int seen = 0;
        for (Map<String, Object> r : raw) {
            String id = String.valueOf(r.get("Id"));
            String version = String.valueOf(r.get("SystemModstamp"));
            // a version already dead-lettered and read again (look-back) stays in the dead-letter store as it is
            if (!version.equals(open.get(id))) {
                FlowRecord record = new FlowRecord(id, version, r, null, null);
                checkValues(record);
                batch.records.add(record);
            } else {
                seen++;
            }
        }
        stats.of(flow).unchanged.addAndGet(seen);
        exchange.setProperty(RecordBatch.PROPERTY, batch);
        return batch;
    }

    /** Inbound mapping of every live record; the mapping is also the one `dlq retry` re-ingests with. */
    public void map(RecordBatch batch, MappingHandle mapping) {
        this.inbound = mapping;
        batch.live().forEach(this::mapOne);
    }

    /** The flow's rule set on every live record; also the one `dlq retry` re-ingests with. */
    public void cleanse(RecordBatch batch, Cleanser rules) {
        this.cleanser = rules;
        batch.live().forEach(this::cleanseOne);
    }

    /** Body out: one Kafka message per live record, keyed by CRM id. */
    public void publish(Exchange exchange) {
        RecordBatch batch = RecordBatch.of(exchange, "publish");
        List<Message> out = new ArrayList<>();
        for (FlowRecord r : batch.live()) {
            String json = Json.write(event(r));
            String tooLarge = KafkaMessageSize.problem(exchange.getContext(), "the record", r.sourceId, json);
            if (tooLarge != null) {
                fail(r, KafkaMessageSize.REASON_CODE, tooLarge);
                continue;
            }
            Message m = new DefaultMessage(exchange.getContext());
            m.setHeader(KafkaConstants.KEY, r.sourceId);
            m.setBody(json);
            out.add(m);
        }
        exchange.removeProperty(RecordBatch.PROPERTY);
        exchange.getMessage().setBody(out);
        stepsKnown = true;
    }

    /**
     * True once {@link #toEvent} maps and cleanses as a poll does: the route hands this class its mapping and rules on
     * its first poll, and a retry before it (the retry timer fires at start) would send a record unmapped.
     */
    public boolean ready() {
        return stepsKnown;
    }

    /** One CRM record through every ingest step: its canonical event, or null when it was dead-lettered. */
    public Map<String, Object> toEvent(Map<String, Object> stored) {
        // a letter kept under a stand-in id holds the record as sent: its Id is checked again, never taken as it is
        Map<String, Object> raw = SalesforceIdFormat.marked(new LinkedHashMap<>(stored), Json.writeAsRead(stored));
        FlowRecord r = new FlowRecord(String.valueOf(raw.get("Id")), String.valueOf(raw.get("SystemModstamp")), raw,
                null, null);
        checkValues(r);
        if (r.live()) {
            mapOne(r);
        }
        if (r.live()) {
            cleanseOne(r);
        }
        return r.live() ? event(r) : null;
    }

    /**
     * A record the CRM connector found unusable (a duplicate field, an id that is not an id) and a number no field can
     * hold (1e999999999: a billion digits written out; NaN) dead-letter their record naming the field before any step
     * turns a value into text; the record is kept as the CRM sent it.
     */
    private void checkValues(FlowRecord r) {
        RecordProblem problem = RecordProblem.of(r.raw);
        if (problem != null) { // the page reader found it; the letter keeps the record's text as the CRM sent it
            deadLetters.put(flow, STAGE, r.sourceId, r.sourceVersion, problem.code(), problem.reason(), problem.original());
            r.outcome = FlowRecord.Outcome.FAILED;
            return;
        }
        Numbers.firstUnrepresentable(r.raw).ifPresent(why -> {
            deadLetters.put(flow, STAGE, r.sourceId, r.sourceVersion, Numbers.REASON_CODE, why
                    + "; correct the value in the CRM", Json.writeAsRead(r.raw));
            r.outcome = FlowRecord.Outcome.FAILED;
        });
    }

    private void mapOne(FlowRecord r) {
        MappingHandle m = inbound;
        if (m == null) {
            r.event = new LinkedHashMap<>(r.raw);
            return;
        }
        try {
            r.event = m.current().apply(r.raw);
        } catch (MappingException e) {
            fail(r, e.code(), e.getMessage());
        }
    }

    private void cleanseOne(FlowRecord r) {
        Cleanser c = cleanser;
        if (c == null) {
            return;
        }
        CleanseResult cleaned = c.cleanse(r.event);
        if (cleaned.rejected()) {
            String codes = cleaned.rejections().stream().map(Rejection::code).distinct().collect(Collectors.joining(","));
            String reasons = cleaned.rejections().stream().map(x -> x.field() + ": " + x.message())
                    .collect(Collectors.joining("; "));
            fail(r, codes, reasons);
            return;
        }
        Map<String, Object> e = new LinkedHashMap<>(cleaned.record());
        e.put("flags", cleaned.flags());
        r.event = e;
    }

    private Map<String, Object> event(FlowRecord r) {
        // one copy: the record's fields in their order after the three of the event, its flags last
        Map<String, Object> event = new LinkedHashMap<>(r.event.size() * 2 + 8);
        event.put("sourceSystem", sourceSystem);
        event.put("sourceId", r.sourceId);
        event.put("sourceVersion", r.sourceVersion);
        Object flags = null;
        for (Map.Entry<String, Object> f : r.event.entrySet()) {
            if (f.getKey().equals("flags")) {
                flags = f.getValue();
            } else {
                event.put(f.getKey(), f.getValue());
            }
        }
        event.put("flags", flags == null ? List.of() : flags);
        return event;
    }

    private void fail(FlowRecord r, String code, String reason) {
        // stored first: if the store fails, the record stays pending and the step's redelivery handles it again
        deadLetters.put(flow, STAGE, r.sourceId, r.sourceVersion, code, reason, Json.write(r.raw));
        r.outcome = FlowRecord.Outcome.FAILED;
    }
}
