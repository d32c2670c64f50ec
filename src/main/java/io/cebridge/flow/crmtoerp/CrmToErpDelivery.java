package io.cebridge.flow.crmtoerp;

import io.cebridge.connector.crm.CrmRecordWriter;
import io.cebridge.connector.erp.jdbc.JdbcUpsertWriter;
import io.cebridge.flow.DeadLetters;
import io.cebridge.json.Json;
import io.cebridge.mapping.MappingHandle;
import io.cebridge.mapping.MappingException;
import io.cebridge.flow.FlowStats;
import io.cebridge.store.AuditEntry;
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
 * Delivery steps of a CRM -> ERP flow, called in the order its route lists them on one Kafka batch, typically
 * decode -> [link] -> map -> erp write -> [write back] -> record. Each step leaves every record still going,
 * unchanged, waiting for its parent, or dead-lettered with a reason; the route commits the Kafka offsets only after
 * the last step. The ERP writer, the write-back and the mapping are set by the route's endpoints.
 */
public final class CrmToErpDelivery {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CrmToErpDelivery.class);
    public static final String LINK_STAGE = "link";
    public static final String NOT_LINKED = "PARENT_NOT_LINKED";
    /** How a decode letter's payload starts when it keeps a message's bytes that are not UTF-8 text. */
    private static final String BASE64 = "base64:";
    private final String flow;
    private volatile String entity;
    private final XrefRepository xref;
    private final DeadLetters deadLetters;
    private final FlowStats stats;
    private volatile JdbcUpsertWriter erp;
    private volatile ErpMatcher matcher;
    private volatile CreateClaims createClaims;
    private volatile ErpLines lines;
    private volatile ErpDocuments documents;
    private volatile List<CrmWriteBack> writeBacks = List.of();
    private volatile io.cebridge.flow.DeliveryListener listener;

    /** {@code entity}: the cross-reference type of this flow's records (customer, contact, ...). */
    public CrmToErpDelivery(String flow, String entity, XrefRepository xref, DeadLetters deadLetters, FlowStats stats) {
        this.flow = flow;
        this.entity = entity;
        this.xref = xref;
        this.deadLetters = deadLetters;
        this.stats = stats;
    }

    public String entity() {
        return entity;
    }

    /** The cross-reference type of this flow's records; the flow's name until a route names it. */
    public void entity(String entity) {
        this.entity = entity;
    }

    /** The ERP table the flow writes and how a record finds its row there. */
    public void erp(JdbcUpsertWriter writer, ErpMatcher.Keys keys) {
        erp(writer, keys, null);
    }

    /**
     * As {@link #erp(JdbcUpsertWriter, ErpMatcher.Keys)}; {@code createClaims} (with a claimBy column): new records
     * claim their value before a row is created for it (see {@link CreateClaims}); null: none.
     */
    public void erp(JdbcUpsertWriter writer, ErpMatcher.Keys keys, CreateClaims createClaims) {
        this.erp = writer;
        this.matcher = new ErpMatcher(writer, keys);
        this.createClaims = keys.claimBy() == null ? null : createClaims;
        this.lines = null;
        this.documents = null;
    }

    /** Set by an ERP reached through its API whose writer claims by a field (Kingdee's tax code); null: none. */
    public void createClaims(CreateClaims createClaims) {
        this.createClaims = createClaims;
    }

    /** The flow's create claims, for releasing the records waiting for one; null when its ERP writes claim nothing. */
    public CreateClaims createClaims() {
        return createClaims;
    }

    /** The ERP document (header and lines) the flow writes per record (see {@link ErpDocuments}). */
    public void erpDocuments(ErpDocuments documents) {
        this.erp = documents == null ? null : documents.writerHeader();
        this.createClaims = null;
        this.documents = documents;
        this.lines = null;
        this.matcher = null;
    }

    /** The ERP table the flow writes several rows of per record (see {@link ErpLines}). */
    public void erpLines(JdbcUpsertWriter writer, ErpLines lines) {
        this.erp = writer;
        this.createClaims = null;
        this.lines = lines;
        this.matcher = null;
        this.documents = null;
    }

    /** Where the ERP number is written back to, in order (the record itself, then e.g. its quote's opportunity). */
    public void writeBack(List<CrmWriteBack> writeBacks) {
        this.writeBacks = List.copyOf(writeBacks);
    }

    /** Lets `record` see each batch's outcomes. */
    public void listener(io.cebridge.flow.DeliveryListener listener) {
        this.listener = listener;
    }

    /** Parses the batch's events; undecodable ones are dead-lettered; older versions than the applied one are stale. */
    @SuppressWarnings("unchecked")
    public void decode(Exchange exchange) throws SQLException {
        List<Exchange> polled = exchange.getMessage().getBody(List.class);
        RecordBatch batch = new RecordBatch(false);
        Map<String, FlowRecord> latest = new LinkedHashMap<>();
        for (Exchange e : polled) {
            String key = e.getMessage().getHeader(KafkaConstants.KEY, String.class);
            FlowRecord r = decodeOne(key, e.getMessage());
            if (r == null) {
                continue;
            }
            r.readAt = io.cebridge.flow.ReadTime.of(e);
            batch.records.add(r);
            // several events of one record in a batch: keep the order, apply only the newest
            FlowRecord earlier = latest.get(r.sourceId);
            if (earlier == null) {
                latest.put(r.sourceId, r);
            } else if (earlier.sourceVersion.compareTo(r.sourceVersion) <= 0) {
                earlier.outcome = FlowRecord.Outcome.STALE;
                latest.put(r.sourceId, r);
            } else {
                r.outcome = FlowRecord.Outcome.STALE;
            }
        }
        Map<String, String> open = deadLetters.repository().openVersions(flow, latest.keySet());
        for (FlowRecord r : batch.live()) {
            if (r.sourceVersion.equals(open.get(r.sourceId))) {
                r.outcome = FlowRecord.Outcome.STALE; // this version is already dead-lettered; `dlq retry` re-sends it
            }
        }
        batch.known.putAll(xref.find(entity, latest.keySet()));
        for (FlowRecord r : batch.live()) {
            XrefEntry x = batch.known.get(r.sourceId);
            if (x == null) {
                continue;
            }
            int c = r.sourceVersion.compareTo(x.sourceVersion());
            if (c < 0) {
                r.outcome = FlowRecord.Outcome.STALE;
            } else if (c == 0) {
                r.outcome = FlowRecord.Outcome.UNCHANGED; // this version was applied (redelivery)
                r.erpNo = x.erpId();
            }
        }
        exchange.setProperty(RecordBatch.PROPERTY, batch);
    }

    /** Where a message was on the topic, for a dead letter's reason (built only for one). */
    private static String where(org.apache.camel.Message m) {
        return "partition " + m.getHeader(KafkaConstants.PARTITION) + " offset " + m.getHeader(KafkaConstants.OFFSET);
    }

    /**
     * One polled event. The delivery route's consumer hands over the value's UTF-8 bytes (its ByteArrayDeserializer):
     * Jackson reads them once instead of Kafka decoding a String for Jackson to read again; a route file that keeps
     * Kafka's StringDeserializer hands over text, read the same way.
     */
    private FlowRecord decodeOne(String key, org.apache.camel.Message m) {
        String id = key != null ? key : where(m);
        Object value = m.getBody();
        byte[] utf8 = value instanceof byte[] b ? b : null;
        String text = utf8 != null || value == null ? null : m.getBody(String.class);
        if (utf8 == null && text == null) {
            deadLetters.put(flow, "decode", id, null, "EMPTY_MESSAGE", "Kafka message at " + where(m) + " has no body"
                    + " (a tombstone is not a record change)", "");
            return null;
        }
        try {
            Map<String, Object> event = utf8 != null ? Json.readMap(utf8) : Json.readMap(text);
            Object sid = event.get("sourceId");
            Object ver = event.get("sourceVersion");
            if (sid == null || ver == null) {
                decodeFailed(id, "NOT_A_" + entity.toUpperCase(java.util.Locale.ROOT) + "_EVENT", "event at " + where(m)
                        + " lacks sourceId or sourceVersion", utf8, text);
                return null;
            }
            if (!IsoInstant.valid(ver.toString())) {
                decodeFailed(sid.toString(), "NOT_A_" + entity.toUpperCase(java.util.Locale.ROOT) + "_EVENT", "event at "
                        + where(m) + " has sourceVersion '" + ver + "', which is not an ISO-8601 instant such as"
                        + " 2026-11-23T10:15:30.123Z", utf8, text);
                return null;
            }
            return utf8 != null ? new FlowRecord(sid.toString(), ver.toString(), event, utf8)
                    : new FlowRecord(sid.toString(), ver.toString(), event, text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            decodeFailed(id, "UNREADABLE_EVENT", "event at " + where(m) + " is not valid JSON: "
                    + e.getOriginalMessage(), utf8, text);
            return null;
        }
    }

    /**
     * A letter of the decode stage, keeping the event as sent: its text, or, for bytes that are not UTF-8,
     * {@value #BASE64} and their base64 (decoding them would put U+FFFD in place of what was sent, and `dlq retry`
     * would send that on), said in the reason.
     */
    private void decodeFailed(String id, String code, String reason, byte[] utf8, String text) {
        String payload = utf8 == null ? text : strictUtf8(utf8);
        if (payload == null) {
            payload = BASE64 + java.util.Base64.getEncoder().encodeToString(utf8);
            reason += " (the message's bytes are not UTF-8 text: the payload keeps them as '" + BASE64
                    + "' and their base64)";
        }
        deadLetters.put(flow, "decode", id, null, code, reason, payload);
    }

    /** The bytes as text, or null when they are not UTF-8. */
    private static String strictUtf8(byte[] bytes) {
        try {
            return java.nio.charset.StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException notUtf8) {
            return null;
        }
    }

    /** Applies the outbound mapping (canonical event -> ERP row); records it cannot map are dead-lettered. */
    public void map(Exchange exchange, MappingHandle mapping) {
        RecordBatch batch = RecordBatch.of(exchange, "map");
        for (FlowRecord r : batch.live()) {
            if (r.outcome == FlowRecord.Outcome.UNCHANGED) {
                continue;
            }
            try {
                io.cebridge.mapping.CompiledMapping m = mapping == null ? null : mapping.current();
                r.erpRow = m == null ? new java.util.LinkedHashMap<>(r.event) : m.apply(r.event);
                r.mapping = m;
            } catch (MappingException e) {
                fail(r, "map", e.code(), e.getMessage());
            }
        }
    }

    /**
     * Checks every mapped row against the ERP table's columns (dead-lettering those it cannot hold: never truncated),
     * then links, creates or updates the batch's rows in one transaction; rows the ERP rejects are dead-lettered.
     */
    public void writeErp(Exchange exchange) {
        RecordBatch batch = RecordBatch.of(exchange, "erp");
        JdbcUpsertWriter erp = this.erp;
        if (erp == null) {
            throw new IllegalStateException(flow + ": no erp: endpoint writes this flow");
        }
        ErpLines lines = this.lines;
        if (lines != null) {
            writeLines(batch, lines);
            return;
        }
        ErpDocuments documents = this.documents;
        if (documents != null) {
            writeDocuments(batch, documents);
            return;
        }
        for (FlowRecord r : pendingMapped(batch)) {
            List<String> problems = erp.check(r.erpRow);
            if (!problems.isEmpty()) {
                fail(r, "erp-validate", "ERP_VALUE_DOES_NOT_FIT", String.join("; ", problems));
            }
        }
        List<FlowRecord> todo = batch.live().stream().filter(r -> r.outcome == FlowRecord.Outcome.PENDING).toList();
        if (todo.isEmpty()) {
            return;
        }
        // a transient failure rolls the transaction back and leaves the records pending: the route's redelivery runs
        // this step again, and records already dead-lettered above are not pending any more
        ErpMatcher.Plan plan = matcher.apply(todo, batch.known, createClaims);
        plan.apply();
        plan.failures().forEach((r, reason) -> fail(r, "erp-upsert", "ERP_REJECTED", reason));
    }

    /**
     * One transaction per document; a retriable failure leaves the documents after it pending (those before it are
     * settled), and the step's redelivery writes them.
     */
    /** The batch's records still to write, each mapped; a route without step:map before erp: is a mistake in the file. */
    private List<FlowRecord> pendingMapped(RecordBatch batch) {
        List<FlowRecord> out = new ArrayList<>();
        for (FlowRecord r : batch.live()) {
            if (r.outcome != FlowRecord.Outcome.PENDING) {
                continue;
            }
            if (r.erpRow == null) {
                throw new IllegalStateException(flow + ": the erp: endpoint needs mapped rows: list step:map before it");
            }
            out.add(r);
        }
        return out;
    }

    private void writeDocuments(RecordBatch batch, ErpDocuments documents) {
        for (FlowRecord r : pendingMapped(batch)) {
            List<String> problems = new ArrayList<>();
            ErpDocuments.Document d = documents.document(r, problems);
            if (!problems.isEmpty()) {
                fail(r, "erp-validate", "ERP_VALUE_DOES_NOT_FIT", String.join("; ", problems));
                continue;
            }
            io.cebridge.connector.erp.jdbc.JdbcDocumentWriter.Result res = documents.write(d);
            switch (res.kind()) {
                case LOCKED -> fail(r, "erp-upsert", documents.lockFlag(), res.reason());
                case CHECK_FAILED -> fail(r, "erp-upsert", documents.checkFlag(), res.reason());
                case REJECTED -> fail(r, "erp-upsert", "ERP_REJECTED", "the ERP rejected the document: " + res.reason());
                default -> {
                    r.outcome = switch (res.kind()) {
                        case CREATED -> FlowRecord.Outcome.CREATED;
                        case UPDATED -> FlowRecord.Outcome.UPDATED;
                        default -> FlowRecord.Outcome.UNCHANGED;
                    };
                    r.erpNo = res.number();
                    r.erpBefore = res.before();
                }
            }
        }
    }

    /**
     * All or nothing: a record whose requirements do not all resolve in the ERP (a line's product unknown or
     * inactive, no price list in its currency) is not written in part; it waits, naming every unresolved value, and
     * is sent again once the ERP has them (see {@link WaitingRecords#releaseResolved}) or with `dlq retry`.
     */
    public void require(Exchange exchange, Requirements requirements) {
        RecordBatch batch = RecordBatch.of(exchange, "require");
        List<FlowRecord> todo = batch.live().stream().filter(r -> r.outcome == FlowRecord.Outcome.PENDING).toList();
        requirements.unresolved(todo, r -> r.event).forEach((r, problems) -> {
            deadLetters.park(flow, "require", r.sourceId, r.sourceVersion, Requirements.NEEDS_MAPPING, "waiting, nothing"
                    + " written: " + String.join("; ", problems) + " -- sent again as soon as the ERP has "
                    + (problems.size() == 1 ? "it" : "them") + " (" + requirements.source() + "), or with dlq retry", r.eventJson());
            r.outcome = FlowRecord.Outcome.WAITING;
        });
    }

    /**
     * Puts what the ERP knows under each record or line (see {@link ErpEnrichment}); a record whose values make the
     * query fail is dead-lettered with the database's reason, the others go on; a lost connection is retried.
     */
    public void enrich(Exchange exchange, io.cebridge.connector.erp.jdbc.ErpQuery query, String in, String as) {
        RecordBatch batch = RecordBatch.of(exchange, "enrich");
        for (FlowRecord r : batch.live()) {
            if (r.outcome != FlowRecord.Outcome.PENDING) {
                continue;
            }
            try {
                ErpEnrichment.enrich(r, query, in, as);
            } catch (IllegalStateException e) {
                fail(r, "enrich", "ERP_QUERY_FAILED", e.getMessage());
            }
        }
    }

    private void writeLines(RecordBatch batch, ErpLines lines) {
        Map<FlowRecord, List<Map<String, Object>>> todo = new java.util.LinkedHashMap<>();
        for (FlowRecord r : pendingMapped(batch)) {
            List<String> problems = new ArrayList<>();
            List<Map<String, Object>> rows = lines.rows(r, problems);
            if (problems.isEmpty()) {
                todo.put(r, rows);
            } else {
                fail(r, "erp-validate", "ERP_VALUE_DOES_NOT_FIT", String.join("; ", problems));
            }
        }
        if (!todo.isEmpty()) {
            lines.apply(todo).forEach((r, reason) -> fail(r, "erp-upsert", "ERP_REJECTED", reason));
        }
    }

    /** Writes the ERP number back to CRM records that do not carry it yet; rejected write-backs are dead-lettered. */
    public void writeBack(Exchange exchange) {
        for (CrmWriteBack writeBack : writeBacks) {
            writeBack(exchange, writeBack);
        }
    }

    private void writeBack(Exchange exchange, CrmWriteBack writeBack) {
        RecordBatch batch = RecordBatch.of(exchange, "write back");
        List<FlowRecord> need = batch.live().stream().filter(writeBack::needed).toList();
        writeBack.write(need).forEach((r, reason) -> fail(r, "crm-writeback", "CRM_REJECTED_WRITE_BACK", reason));
    }

    /** Stores cross-references and audit, resolves superseded dead letters and counts the batch. */
    public void record(Exchange exchange) throws SQLException {
        RecordBatch batch = RecordBatch.of(exchange, "record");
        List<XrefEntry> entries = new ArrayList<>();
        List<AuditEntry> changes = new ArrayList<>();
        Map<String, String> deliveredVersions = new HashMap<>();
        FlowStats.Counters counters = stats.of(flow);
        JdbcUpsertWriter written = erp;
        String table = written == null ? null : written.table().name();
        // H2 reports unquoted names upper-cased: the trail names the table as the route file does
        String target = table == null ? null : "erp:" + (table.equals(table.toUpperCase(java.util.Locale.ROOT))
                ? table.toLowerCase(java.util.Locale.ROOT) : table);
        for (FlowRecord r : batch.records) {
            // the read is audited here, with the delivery's own rows, not on the poller's path: the poll lease
            // must not wait for it; a written record's one row carries its read
            switch (r.outcome) {
                case STALE, UNCHANGED, FAILED, WAITING -> {
                    changes.add(AuditEntry.read(flow, r.sourceId, r.sourceVersion, "crm", r.readAt));
                    if (r.outcome == FlowRecord.Outcome.STALE || r.outcome == FlowRecord.Outcome.UNCHANGED) {
                        counters.unchanged.incrementAndGet();
                    } // FAILED, WAITING: counted when dead-lettered or parked
                }
                default -> {
                    counters.delivered.incrementAndGet();
                    if (!r.flags().isEmpty()) {
                        counters.flagged.incrementAndGet();
                    }
                    changes.add(new AuditEntry(flow, r.sourceId, r.sourceVersion, r.erpNo, r.outcome.name(),
                            r.flags().isEmpty() ? null : String.join(",", r.flags()),
                            r.mapping == null ? null : r.mapping.file(), r.mapping == null ? null : r.mapping.contentHash(),
                            target).readFrom("crm", r.readAt));
                }
            }
            if (r.live() && r.erpNo != null) {
                entries.add(new XrefEntry(r.sourceId, r.erpNo, r.sourceVersion));
            }
            if (r.live()) { // also a record with nothing to write (a cancellation of an order never made)
                deliveredVersions.merge(r.sourceId, r.sourceVersion, (a, b) -> a.compareTo(b) >= 0 ? a : b);
            }
        }
        xref.upsert(entity, entries, changes);
        io.cebridge.flow.DeliveryListener l = listener;
        if (l != null) {
            l.delivered(flow, batch.records.stream().map(r -> new io.cebridge.flow.DeliveryListener.Outcome(r.sourceId,
                    r.sourceVersion, r.outcome.name(), r.erpNo, r.flags(), r.erpBefore)).toList());
        }
        if (LOG.isInfoEnabled()) {
            Map<FlowRecord.Outcome, Long> by = new java.util.EnumMap<>(FlowRecord.Outcome.class);
            batch.records.forEach(r -> by.merge(r.outcome, 1L, Long::sum));
            LOG.info("{}: batch of {} -> {}", flow, batch.records.size(), by);
        }
        Map<String, String> waiting = deadLetters.repository().unresolved(flow, deliveredVersions.keySet());
        for (String id : waiting.keySet()) {
            deadLetters.repository().resolveDelivered(flow, id, deliveredVersions.get(id));
        }
    }

    /**
     * Links each record to its parent's ERP key through the cross-reference: the event's {@code field} holds the
     * parent's CRM id, and the parent's ERP id is put into the event as {@code target}. A record whose parent is not
     * linked yet waits (parked, visible in `dlq list`) and is sent again once its parent is linked; one without a parent
     * id is dead-lettered. With {@code parent} set, the parent's ERP row's columns are put into the event under
     * {@code parent} (e.g. its country for phone numbers).
     */
    public void link(Exchange exchange, String parentEntity, String field, String target, JdbcUpsertWriter parent)
            throws SQLException {
        RecordBatch batch = RecordBatch.of(exchange, "link");
        Map<FlowRecord, String> parentOf = new java.util.IdentityHashMap<>();
        for (FlowRecord r : batch.live()) {
            Object id = r.field(field);
            if (id == null || id.toString().isBlank()) {
                fail(r, LINK_STAGE, "NO_PARENT", "the record has no " + field + " (its " + parentEntity
                        + "); set it in the CRM");
            } else {
                parentOf.put(r, id.toString());
            }
        }
        Map<String, XrefEntry> linked = xref.find(parentEntity, new java.util.HashSet<>(parentOf.values()));
        Map<String, Map<String, Object>> rows = new HashMap<>();
        if (parent != null && !linked.isEmpty()) {
            String key = parent.keyColumn();
            parent.findBy(key, linked.values().stream().map(XrefEntry::erpId).distinct().toList(), List.of(key))
                    .forEach(row -> rows.put(String.valueOf(row.get(key.toLowerCase(java.util.Locale.ROOT))), row));
        }
        parentOf.forEach((r, id) -> {
            XrefEntry x = linked.get(id);
            if (x == null) {
                deadLetters.park(flow, LINK_STAGE, r.sourceId, r.sourceVersion, NOT_LINKED, "waiting: " + parentEntity
                        + " " + id + " is not linked to the ERP yet; sent again as soon as its flow links it", r.eventJson());
                r.outcome = FlowRecord.Outcome.WAITING;
            } else {
                r.event.put(target, x.erpId());
                if (parent != null) {
                    r.event.put("parent", rows.getOrDefault(x.erpId(), Map.of()));
                }
            }
        });
    }

    private void fail(FlowRecord r, String stage, String code, String reason) {
        // stored first: if the store fails, the record stays pending and the step's redelivery handles it again
        deadLetters.put(flow, stage, r.sourceId, r.sourceVersion, code, reason, r.eventJson());
        r.outcome = FlowRecord.Outcome.FAILED;
    }

    /** A rule set on the canonical events of the batch (e.g. phones read in the parent's country); refusals dead-letter. */
    public void cleanse(Exchange exchange, io.cebridge.cleanse.Cleanser rules) {
        RecordBatch batch = RecordBatch.of(exchange, "cleanse");
        for (FlowRecord r : batch.live()) {
            if (r.outcome != FlowRecord.Outcome.PENDING) {
                continue;
            }
            io.cebridge.cleanse.CleanseResult c = rules.cleanse(r.event);
            if (c.rejected()) {
                fail(r, "cleanse", c.rejections().stream().map(io.cebridge.cleanse.Rejection::code).distinct()
                        .collect(java.util.stream.Collectors.joining(",")), c.rejections().stream()
                        .map(x -> x.field() + ": " + x.message()).collect(java.util.stream.Collectors.joining("; ")));
                continue;
            }
            List<String> flags = new ArrayList<>(r.flags());
            c.flags().stream().filter(f -> !flags.contains(f)).forEach(flags::add);
            Map<String, Object> e = new java.util.LinkedHashMap<>(c.record());
            e.put("flags", flags);
            r.event = e;
        }
    }
}
