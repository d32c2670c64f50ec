package io.cebridge.flow.customermaster;

import io.cebridge.connector.crm.CrmRecordWriter;
import io.cebridge.connector.erp.jdbc.JdbcUpsertWriter;
import io.cebridge.error.Retrier;
import io.cebridge.flow.DeadLetters;
import io.cebridge.flow.Json;
import io.cebridge.mapping.MappingHandle;
import io.cebridge.mapping.MappingException;
import io.cebridge.runtime.FlowStats;
import io.cebridge.store.AuditEntry;
import io.cebridge.store.AuditRepository;
import io.cebridge.store.XrefEntry;
import io.cebridge.store.XrefRepository;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;

/**
 * Delivery steps of the customer-master flow, called in order by the flow's route on one Kafka batch:
 * decode -> map -> writeErp -> writeBack -> record. Each step leaves every record either still going, unchanged,
 * or dead-lettered with a reason; the route commits the Kafka offsets only after the last step.
 */
public final class CustomerDelivery {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CustomerDelivery.class);
    static final String ENTITY = "customer";
    private final String flow;
    private final MappingHandle outbound;
    private final JdbcUpsertWriter erp;
    private final CustomerMatcher matcher;
    private final XrefRepository xref;
    private final AuditRepository audit;
    private final DeadLetters deadLetters;
    private final FlowStats stats;
    private final CrmWriteBack writeBack;
    private final Retrier retrier;
    private volatile io.cebridge.flow.DeliveryListener listener;

    public CustomerDelivery(String flow, MappingHandle outbound, JdbcUpsertWriter erp, XrefRepository xref,
                            AuditRepository audit, DeadLetters deadLetters, FlowStats stats, CrmRecordWriter crm,
                            boolean writeBackEnabled, String sobject, String writeBackField, Retrier retrier) {
        this.flow = flow;
        this.outbound = outbound;
        this.erp = erp;
        this.matcher = new CustomerMatcher(erp);
        this.xref = xref;
        this.audit = audit;
        this.deadLetters = deadLetters;
        this.stats = stats;
        this.writeBack = writeBackEnabled ? new CrmWriteBack(crm, sobject, writeBackField) : null;
        this.retrier = retrier;
    }

    /** Lets `record` see each batch's outcomes. */
    public void listener(io.cebridge.flow.DeliveryListener listener) {
        this.listener = listener;
    }

    /** Parses the batch's events; undecodable ones are dead-lettered; older versions than the applied one are stale. */
    @SuppressWarnings("unchecked")
    public void decode(Exchange exchange) throws SQLException {
        List<Exchange> polled = exchange.getMessage().getBody(List.class);
        CustomerBatch batch = new CustomerBatch();
        Map<String, CustomerRecord> latest = new LinkedHashMap<>();
        for (Exchange e : polled) {
            String key = e.getMessage().getHeader(KafkaConstants.KEY, String.class);
            String body = e.getMessage().getBody(String.class);
            String where = "partition " + e.getMessage().getHeader(KafkaConstants.PARTITION) + " offset "
                    + e.getMessage().getHeader(KafkaConstants.OFFSET);
            CustomerRecord r = decodeOne(key, body, where);
            if (r == null) {
                continue;
            }
            batch.records.add(r);
            // several events of one record in a batch: keep the order, apply only the newest
            CustomerRecord earlier = latest.get(r.sourceId);
            if (earlier == null) {
                latest.put(r.sourceId, r);
            } else if (earlier.sourceVersion.compareTo(r.sourceVersion) <= 0) {
                earlier.outcome = CustomerRecord.Outcome.STALE;
                latest.put(r.sourceId, r);
            } else {
                r.outcome = CustomerRecord.Outcome.STALE;
            }
        }
        Map<String, String> open = deadLetters.repository().openVersions(flow, latest.keySet());
        for (CustomerRecord r : batch.live()) {
            if (r.sourceVersion.equals(open.get(r.sourceId))) {
                r.outcome = CustomerRecord.Outcome.STALE; // this version is already dead-lettered; `dlq retry` re-sends it
            }
        }
        batch.known.putAll(xref.find(ENTITY, latest.keySet()));
        for (CustomerRecord r : batch.live()) {
            XrefEntry x = batch.known.get(r.sourceId);
            if (x == null) {
                continue;
            }
            int c = r.sourceVersion.compareTo(x.sourceVersion());
            if (c < 0) {
                r.outcome = CustomerRecord.Outcome.STALE;
            } else if (c == 0) {
                r.outcome = CustomerRecord.Outcome.UNCHANGED; // this version was applied (redelivery)
                r.erpNo = x.erpId();
            }
        }
        exchange.setProperty(CustomerBatch.PROPERTY, batch);
    }

    private CustomerRecord decodeOne(String key, String body, String where) {
        String id = key != null ? key : where;
        if (body == null) {
            deadLetters.put(flow, "decode", id, null, "EMPTY_MESSAGE", "Kafka message at " + where + " has no body"
                    + " (a tombstone is not a customer change)", "");
            return null;
        }
        try {
            Map<String, Object> event = Json.readMap(body);
            Object sid = event.get("sourceId");
            Object ver = event.get("sourceVersion");
            if (sid == null || ver == null) {
                deadLetters.put(flow, "decode", id, null, "NOT_A_CUSTOMER_EVENT", "event at " + where
                        + " lacks sourceId or sourceVersion", body);
                return null;
            }
            try {
                java.time.Instant.parse(ver.toString());
            } catch (java.time.format.DateTimeParseException e) {
                deadLetters.put(flow, "decode", sid.toString(), null, "NOT_A_CUSTOMER_EVENT", "event at " + where
                        + " has sourceVersion '" + ver + "', which is not an ISO-8601 instant such as"
                        + " 2026-11-23T10:15:30.123Z", body);
                return null;
            }
            return new CustomerRecord(sid.toString(), ver.toString(), event, body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            deadLetters.put(flow, "decode", id, null, "UNREADABLE_EVENT", "event at " + where + " is not valid JSON: "
                    + e.getOriginalMessage(), body);
            return null;
        }
    }

    /** Applies the outbound mapping; records it cannot map, or whose values the ERP columns cannot hold, are dead-lettered. */
    public void map(Exchange exchange) {
        CustomerBatch batch = exchange.getProperty(CustomerBatch.PROPERTY, CustomerBatch.class);
        for (CustomerRecord r : batch.live()) {
            if (r.outcome == CustomerRecord.Outcome.UNCHANGED) {
                continue;
            }
            try {
                r.erpRow = outbound.current().apply(r.event);
            } catch (MappingException e) {
                fail(r, "map", "MAPPING_FAILED", e.getMessage());
                continue;
            }
            List<String> problems = erp.check(r.erpRow);
            if (!problems.isEmpty()) {
                fail(r, "erp-validate", "ERP_VALUE_DOES_NOT_FIT", String.join("; ", problems));
            }
        }
    }

    /** Links, creates or updates the ERP customers of the batch in one transaction; rows the ERP rejects are dead-lettered. */
    public void writeErp(Exchange exchange) {
        CustomerBatch batch = exchange.getProperty(CustomerBatch.PROPERTY, CustomerBatch.class);
        List<CustomerRecord> todo = batch.live().stream().filter(r -> r.outcome == CustomerRecord.Outcome.PENDING).toList();
        if (todo.isEmpty()) {
            return;
        }
        CustomerMatcher.Plan plan = retrier.call("ERP write of " + todo.size() + " customers",
                () -> matcher.apply(todo, batch.known));
        plan.apply();
        plan.failures().forEach((r, reason) -> fail(r, "erp-upsert", "ERP_REJECTED", reason));
    }

    /** Writes the ERP number back to CRM records that do not carry it yet; rejected write-backs are dead-lettered. */
    public void writeBack(Exchange exchange) {
        if (writeBack == null) {
            return;
        }
        CustomerBatch batch = exchange.getProperty(CustomerBatch.PROPERTY, CustomerBatch.class);
        List<CustomerRecord> need = batch.live().stream()
                .filter(r -> r.erpNo != null && !r.erpNo.equals(r.crmErpNo() == null ? null : r.crmErpNo().toString()))
                .toList();
        writeBack.write(need).forEach((r, reason) -> fail(r, "crm-writeback", "CRM_REJECTED_WRITE_BACK", reason));
    }

    /** Stores cross-references and audit, resolves superseded dead letters and counts the batch. */
    public void record(Exchange exchange) throws SQLException {
        CustomerBatch batch = exchange.getProperty(CustomerBatch.PROPERTY, CustomerBatch.class);
        List<XrefEntry> entries = new ArrayList<>();
        List<AuditEntry> changes = new ArrayList<>();
        Map<String, String> deliveredVersions = new HashMap<>();
        FlowStats.Counters counters = stats.of(flow);
        for (CustomerRecord r : batch.records) {
            switch (r.outcome) {
                case STALE, UNCHANGED -> counters.unchanged.incrementAndGet();
                case FAILED -> { } // counted when dead-lettered
                default -> {
                    counters.delivered.incrementAndGet();
                    if (!r.flags().isEmpty()) {
                        counters.flagged.incrementAndGet();
                    }
                    changes.add(new AuditEntry(flow, r.sourceId, r.sourceVersion, r.erpNo, r.outcome.name(),
                            r.flags().isEmpty() ? null : String.join(",", r.flags())));
                }
            }
            if (r.live() && r.erpNo != null) {
                entries.add(new XrefEntry(r.sourceId, r.erpNo, r.sourceVersion));
                deliveredVersions.merge(r.sourceId, r.sourceVersion, (a, b) -> a.compareTo(b) >= 0 ? a : b);
            }
        }
        xref.upsert(ENTITY, entries);
        audit.append(changes);
        io.cebridge.flow.DeliveryListener l = listener;
        if (l != null) {
            l.delivered(flow, batch.records.stream().map(r -> new io.cebridge.flow.DeliveryListener.Outcome(r.sourceId,
                    r.sourceVersion, r.outcome.name(), r.erpNo, r.flags(), r.erpBefore)).toList());
        }
        if (LOG.isInfoEnabled()) {
            Map<CustomerRecord.Outcome, Long> by = new java.util.EnumMap<>(CustomerRecord.Outcome.class);
            batch.records.forEach(r -> by.merge(r.outcome, 1L, Long::sum));
            LOG.info("{}: batch of {} -> {}", flow, batch.records.size(), by);
        }
        Map<String, String> waiting = deadLetters.repository().unresolved(flow, deliveredVersions.keySet());
        for (String id : waiting.keySet()) {
            deadLetters.repository().resolveDelivered(flow, id, deliveredVersions.get(id));
        }
    }

    private void fail(CustomerRecord r, String stage, String code, String reason) {
        r.outcome = CustomerRecord.Outcome.FAILED;
        deadLetters.put(flow, stage, r.sourceId, r.sourceVersion, code, reason, r.eventJson);
    }
}
