package io.cebridge.flow.erptocrm;

import io.cebridge.connector.crm.CrmRecordWriter;
import io.cebridge.connector.crm.SaveResult;
import io.cebridge.flow.DeadLetters;
import io.cebridge.json.Json;
import io.cebridge.mapping.MappingException;
import io.cebridge.mapping.MappingRegistry;
import io.cebridge.flow.FlowStats;
import io.cebridge.store.AuditEntry;
import io.cebridge.store.AuditRepository;
import io.cebridge.store.PublishedEntry;
import io.cebridge.store.PublishedRepository;
import io.cebridge.store.XrefRepository;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;

/**
 * Delivery steps of an ERP -> CRM flow on one Kafka batch: decode -> link -> map -> write -> record. Every document
 * ends delivered, unchanged (same content as last sent), stale (older than what was sent), waiting (its customer is
 * not linked to a CRM account yet) or dead-lettered with the reason; the route commits the offsets after the last step.
 */
public final class ErpToCrmDelivery {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ErpToCrmDelivery.class);
    private static final String BATCH = "bridge.documents";
    /** Cross-reference entity type the customer-master flow writes: CRM account id <-> ERP customer number. */
    public static final String CUSTOMER_ENTITY = "customer";
    public static final String NOT_LINKED = "CUSTOMER_NOT_LINKED";
    public static final String LINK_STAGE = "link";

    private final String flow;
    private final Map<String, DocumentType> types;
    private final MappingRegistry mappings;
    private final CrmRecordWriter crm;
    private final XrefRepository xref;
    private final PublishedRepository published;
    private final AuditRepository audit;
    private final DeadLetters deadLetters;
    private final FlowStats stats;

    public ErpToCrmDelivery(String flow, Map<String, DocumentType> types, MappingRegistry mappings, CrmRecordWriter crm,
                            XrefRepository xref, PublishedRepository published, AuditRepository audit,
                            DeadLetters deadLetters, FlowStats stats) {
        this.flow = flow;
        this.types = Map.copyOf(types);
        this.mappings = mappings;
        this.crm = crm;
        this.xref = xref;
        this.published = published;
        this.audit = audit;
        this.deadLetters = deadLetters;
        this.stats = stats;
    }

    /** Parses the batch; of several snapshots of one document only the last read is applied. */
    @SuppressWarnings("unchecked")
    public void decode(Exchange exchange) throws SQLException {
        List<Exchange> polled = exchange.getMessage().getBody(List.class);
        List<DocumentDelivery> docs = new ArrayList<>();
        Map<String, DocumentDelivery> latest = new LinkedHashMap<>();
        for (Exchange e : polled) {
            DocumentDelivery d = decodeOne(e);
            if (d == null) {
                continue;
            }
            docs.add(d);
            DocumentDelivery earlier = latest.get(d.sourceId);
            if (earlier != null && earlier.sourceVersion.compareTo(d.sourceVersion) > 0) {
                d.outcome = DocumentDelivery.Outcome.STALE;
            } else {
                if (earlier != null) {
                    earlier.outcome = DocumentDelivery.Outcome.STALE;
                }
                latest.put(d.sourceId, d);
            }
        }
        Map<String, PublishedEntry> sent = published.find(flow, latest.keySet());
        for (DocumentDelivery d : latest.values()) {
            PublishedEntry p = sent.get(d.sourceId);
            if (p != null && p.sourceVersion().compareTo(d.sourceVersion) > 0) {
                d.outcome = DocumentDelivery.Outcome.STALE; // a re-sent waiting letter older than what the CRM has
            }
        }
        skipAlreadyDeadLettered(latest);
        exchange.setProperty(BATCH, new Batch(docs, sent));
    }

    /**
     * A document re-read (look-back, next poll) with the same content as its open letter stays in the dead-letter store
     * as it is: only a change in the ERP, `dlq retry`, or the customer's link (for a waiting one) sends it again.
     */
    private void skipAlreadyDeadLettered(Map<String, DocumentDelivery> latest) throws SQLException {
        Map<String, String> open = deadLetters.repository().openPayloads(flow, latest.keySet());
        for (Map.Entry<String, String> e : open.entrySet()) {
            DocumentDelivery d = latest.get(e.getKey());
            try {
                if (d.pending() && d.event.get("document").equals(Json.readMap(e.getValue()).get("document"))) {
                    d.outcome = DocumentDelivery.Outcome.STALE; // not UNCHANGED: that would resolve the letter
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
                // an unreadable stored payload is no reason to hold this document back
            }
        }
    }

    private DocumentDelivery decodeOne(Exchange e) {
        String key = e.getMessage().getHeader(KafkaConstants.KEY, String.class);
        String body = e.getMessage().getBody(String.class);
        String where = "partition " + e.getMessage().getHeader(KafkaConstants.PARTITION) + " offset "
                + e.getMessage().getHeader(KafkaConstants.OFFSET);
        String id = key != null ? key : where;
        if (body == null) {
            deadLetters.put(flow, "decode", id, null, "EMPTY_MESSAGE", "Kafka message at " + where + " has no body"
                    + " (a tombstone is not an ERP document)", "");
            return null;
        }
        try {
            Map<String, Object> event = Json.readMap(body);
            Object sid = event.get("sourceId");
            Object ver = event.get("sourceVersion");
            Object type = event.get("documentType");
            if (sid == null || ver == null || type == null || !(event.get("document") instanceof Map)) {
                deadLetters.put(flow, "decode", id, null, "NOT_A_DOCUMENT_EVENT", "event at " + where
                        + " lacks sourceId, sourceVersion, documentType or document", body);
                return null;
            }
            if (!types.containsKey(type.toString())) {
                deadLetters.put(flow, "decode", sid.toString(), ver.toString(), "UNKNOWN_DOCUMENT_TYPE", "event at "
                        + where + " is a '" + type + "'; this flow moves " + types.keySet(), body);
                return null;
            }
            DocumentDelivery d = new DocumentDelivery(sid.toString(), ver.toString(), type.toString(), event, body);
            d.readAt = io.cebridge.flow.ReadTime.of(e);
            return d;
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            deadLetters.put(flow, "decode", id, null, "UNREADABLE_EVENT", "event at " + where + " is not valid JSON: "
                    + ex.getOriginalMessage(), body);
            return null;
        }
    }

    /**
     * Finds the CRM account of each document's ERP customer through the cross-reference; a document whose customer
     * is not linked yet waits in the dead-letter store and is sent again as soon as the link exists.
     */
    @SuppressWarnings("unchecked")
    public void link(Exchange exchange) throws SQLException {
        Batch batch = exchange.getProperty(BATCH, Batch.class);
        Map<DocumentDelivery, String> customerOf = new LinkedHashMap<>();
        for (DocumentDelivery d : batch.live()) {
            String field = types.get(d.type).customerField();
            if (field != null) {
                Object customer = ((Map<String, Object>) d.event.get("document")).get(field);
                if (customer == null) {
                    fail(d, LINK_STAGE, "NO_CUSTOMER", "the " + d.type + " has no " + field);
                } else {
                    customerOf.put(d, customer.toString());
                }
            }
        }
        Map<String, String> accounts = xref.crmIdsByErp(CUSTOMER_ENTITY, customerOf.values());
        customerOf.forEach((d, customer) -> {
            String account = accounts.get(customer);
            if (account == null) {
                deadLetters.park(flow, LINK_STAGE, d.sourceId, d.sourceVersion, NOT_LINKED, "waiting: ERP customer "
                        + customer + " is not linked to a CRM account yet; sent again as soon as customer-master"
                        + " links it", d.eventJson);
                d.outcome = DocumentDelivery.Outcome.WAITING;
            } else {
                d.event.put("crmAccountId", account);
            }
        });
    }

    /** Applies the document type's mapping; content identical to what the CRM last got is not sent again. */
    public void map(Exchange exchange) {
        Batch batch = exchange.getProperty(BATCH, Batch.class);
        // one check per batch; the describe bodies themselves are kept by the CRM client for the run
        WriteDescribeCheck orgCheck = crm instanceof io.cebridge.connector.crm.CrmDescriber describer
                ? WriteDescribeCheck.shapeOnly(describer::describe) : null;
        for (DocumentDelivery d : batch.live()) {
            Object error = ((Map<?, ?>) d.event.get("document")).get(DocumentLoader.PROBLEM);
            if (error != null) { // the loader could not build this document; its reason is for a person to act on
                fail(d, "load", "SOURCE_DATA_PROBLEM", String.valueOf(error));
                continue;
            }
            try {
                d.mapping = mappings.mapping(types.get(d.type).mapping());
                d.writes = CrmWrite.parse(d.mapping.apply(d.event));
            } catch (MappingException | IllegalArgumentException e) {
                Object source = ((Map<?, ?>) d.event.get("document")).get(DocumentLoader.SOURCE);
                // a document read through an ERP's API names where it came from (form and internal id)
                // a mapping's own $reject(code, reason) keeps its code
                fail(d, "map", e instanceof MappingException m ? m.code() : MappingException.MAPPING_FAILED,
                        (source == null ? "" : source + ": ") + e.getMessage());
                continue;
            }
            if (refusedByDescribe(d, orgCheck)) {
                continue;
            }
            d.contentHash = sha256(Json.write(d.writes));
            PublishedEntry p = batch.sent().get(d.sourceId);
            if (p != null && p.contentHash().equals(d.contentHash)) {
                d.outcome = DocumentDelivery.Outcome.UNCHANGED;
            }
        }
    }

    /**
     * Checks the document's writes against the org's describe (once per type per run) before anything is sent: a
     * field the org does not have, cannot create or cannot update would be refused for every record, so the
     * document is dead-lettered naming the mapping file, the field and why. True when it was dead-lettered.
     */
    private boolean refusedByDescribe(DocumentDelivery d, WriteDescribeCheck orgCheck) {
        if (orgCheck == null) {
            return false;
        }
        List<String> problems = orgCheck.check(types.get(d.type).mapping(), d.writes);
        if (problems.isEmpty()) {
            return false;
        }
        fail(d, "map", "CRM_FIELD_MISMATCH", "the org cannot take what the mapping writes: "
                + String.join("; ", problems));
        return true;
    }

    /**
     * Writes the batch's records grouped by target, in the order the mappings list them, at most one call's worth at
     * a time; a record the CRM rejects dead-letters its document with the CRM's error and skips the document's later
     * writes (its lines would only fail on the missing parent), unless its write says continueOnReject; the other
     * documents still land.
     */
    public void write(Exchange exchange) {
        Batch batch = exchange.getProperty(BATCH, Batch.class);
        Map<String, List<Pending>> groups = new LinkedHashMap<>();
        for (DocumentDelivery d : batch.live()) {
            d.rejections.clear(); // a redelivered write step starts over
            Map<String, Integer> occurrences = new HashMap<>();
            for (CrmWrite w : d.writes) {
                int occurrence = occurrences.merge(w.target(), 1, Integer::sum) - 1;
                List<Pending> g = groups.computeIfAbsent(w.target(occurrence), t -> new ArrayList<>());
                w.records().forEach(r -> g.add(new Pending(d, w, r)));
            }
        }
        for (List<Pending> group : groups.values()) {
            List<Pending> todo = group.stream().filter(p -> p.doc.pending()).toList();
            int max = crm.maxRecordsPerCall();
            for (int from = 0; from < todo.size(); from += max) {
                List<Pending> call = todo.subList(from, Math.min(todo.size(), from + max));
                CrmWrite w = call.get(0).write;
                List<Map<String, Object>> records = call.stream().map(p -> p.record).toList();
                List<SaveResult> results = switch (w.operation()) {
                    case CrmWrite.UPDATE -> crm.update(w.sobject(), records, false);
                    case CrmWrite.MATCH -> MatchWrite.write(crm, w, records);
                    default -> w.createOnly().isEmpty() ? crm.upsert(w.sobject(), w.externalId(), records, false)
                            : CreateOnlyUpsert.write(crm, w, records);
                };
                for (int i = 0; i < call.size(); i++) {
                    Pending p = call.get(i);
                    SaveResult r = i < results.size() ? results.get(i) : null;
                    if (r == null || !r.success()) {
                        List<String> keys = !w.matchOn().isEmpty() ? w.matchOn()
                                : List.of(w.externalId() == null ? "Id" : w.externalId());
                        String reason = "the CRM rejected " + w.sobject() + " " + String.join(",", keys.stream()
                                .map(k -> k + "=" + p.record.get(k)).toList()) + ": " + (r == null
                                ? "no result returned for the record" : r.errorCode() + ": " + r.message());
                        if (w.continueOnReject()) {
                            p.doc.rejections.add(reason);
                        } else {
                            fail(p.doc, "crm-write", "CRM_REJECTED", reason);
                        }
                    } else if (p.doc.crmId == null) {
                        p.doc.crmId = r.id();
                    }
                }
            }
        }
        for (DocumentDelivery d : batch.live()) {
            if (d.rejections.isEmpty()) {
                d.outcome = DocumentDelivery.Outcome.DELIVERED;
            } else { // the rest of it landed; the letter names every record that did not, and a retry re-sends all
                fail(d, "crm-write", "CRM_REJECTED", String.join("; ", d.rejections));
            }
        }
    }

    /** Remembers what was sent, appends the audit, resolves superseded letters and counts the batch. */
    public void record(Exchange exchange) throws SQLException {
        Batch batch = exchange.getProperty(BATCH, Batch.class);
        FlowStats.Counters counters = stats.of(flow);
        List<PublishedEntry> sent = new ArrayList<>();
        List<AuditEntry> changes = new ArrayList<>();
        Map<String, String> settled = new HashMap<>();
        for (DocumentDelivery d : batch.docs()) {
            // the read is audited here, with the delivery's own rows, not on the poller's path
            changes.add(AuditEntry.read(flow, d.sourceId, d.sourceVersion, "erp", d.readAt));
            switch (d.outcome) {
                case STALE, UNCHANGED -> counters.unchanged.incrementAndGet();
                case DELIVERED -> {
                    counters.delivered.incrementAndGet();
                    sent.add(new PublishedEntry(d.sourceId, d.sourceVersion, d.contentHash));
                    changes.add(new AuditEntry(flow, d.sourceId, d.sourceVersion, d.crmId, "UPSERTED", null,
                            d.mapping == null ? null : d.mapping.file(), d.mapping == null ? null : d.mapping.contentHash(),
                            "crm:" + d.writes.stream().map(CrmWrite::sobject).distinct()
                                    .collect(java.util.stream.Collectors.joining(","))));
                }
                default -> { } // FAILED and WAITING were counted when they went to the dead-letter store
            }
            if (d.outcome == DocumentDelivery.Outcome.DELIVERED || d.outcome == DocumentDelivery.Outcome.UNCHANGED) {
                settled.merge(d.sourceId, d.sourceVersion, (a, b) -> a.compareTo(b) >= 0 ? a : b);
            }
        }
        published.save(flow, sent);
        audit.append(changes);
        Map<String, String> open = deadLetters.repository().unresolved(flow, settled.keySet());
        for (String id : open.keySet()) {
            deadLetters.repository().resolveDelivered(flow, id, settled.get(id));
        }
        if (LOG.isInfoEnabled()) {
            Map<DocumentDelivery.Outcome, Long> by = new java.util.EnumMap<>(DocumentDelivery.Outcome.class);
            batch.docs().forEach(d -> by.merge(d.outcome, 1L, Long::sum));
            LOG.info("{}: batch of {} -> {}", flow, batch.docs().size(), by);
        }
    }

    private void fail(DocumentDelivery d, String stage, String code, String reason) {
        if (d.outcome == DocumentDelivery.Outcome.FAILED) {
            return; // one letter per document: its first failure is the one to act on
        }
        // stored first: if the store fails, the record stays pending and the step's redelivery handles it again
        deadLetters.put(flow, stage, d.sourceId, d.sourceVersion, code, reason, d.eventJson);
        d.outcome = DocumentDelivery.Outcome.FAILED;
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Pending(DocumentDelivery doc, CrmWrite write, Map<String, Object> record) {
    }

    private record Batch(List<DocumentDelivery> docs, Map<String, PublishedEntry> sent) {
        List<DocumentDelivery> live() {
            return docs.stream().filter(DocumentDelivery::pending).toList();
        }
    }
}
