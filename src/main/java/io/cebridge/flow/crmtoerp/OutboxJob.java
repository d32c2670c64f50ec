package io.cebridge.flow.crmtoerp;

import io.cebridge.connector.crm.salesforce.BulkIngestJob;
import io.cebridge.connector.crm.salesforce.BulkWriter;
import io.cebridge.connector.crm.salesforce.SalesforceApiException;
import io.cebridge.flow.DeadLetters;
import io.cebridge.json.Json;
import io.cebridge.store.OutboxEntry;
import io.cebridge.store.OutboxRepository;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends write-backs of the outbox (all to one CRM object) through one Bulk API 2.0 upsert-by-Id job and settles each
 * by the job's results: written ones leave the outbox, refused ones are dead-lettered with Salesforce's sf__Error and
 * then leave it, unprocessed ones stay for the next job. A failure before the results were read (a lost connection, the
 * API reserve reached) leaves every entry where it is: the upsert by Id is idempotent, so sending them again is safe.
 */
final class OutboxJob {
    static final String STAGE = "crm-writeback";
    static final String REFUSED = "CRM_REJECTED_WRITE_BACK";

    /** How many entries the job wrote, refused and left unprocessed. */
    record Result(int written, int refused, int unprocessed) {
    }

    private final BulkWriter crm;
    private final OutboxRepository outbox;
    private final DeadLetters deadLetters;

    OutboxJob(BulkWriter crm, OutboxRepository outbox, DeadLetters deadLetters) {
        this.crm = crm;
        this.outbox = outbox;
        this.deadLetters = deadLetters;
    }

    Result send(String flow, String sobject, List<OutboxEntry> entries) throws SQLException {
        Map<String, OutboxEntry> byId = new LinkedHashMap<>();
        for (OutboxEntry e : entries) {
            byId.put(e.recordId(), e);
        }
        // each record's map is made as the job reads it (its columns, then its CSV line) and not held: 250,000 of them
        // held at once were a third of the live heap of a 1M load at -Xmx512m (docs/performance.md, "1,000,000
        // accounts in 512 MB")
        List<Map<String, Object>> updates = new java.util.AbstractList<>() {
            @Override
            public Map<String, Object> get(int i) {
                OutboxEntry e = entries.get(i);
                Map<String, Object> u = new LinkedHashMap<>();
                u.put("Id", e.recordId());
                u.putAll(fields(e));
                return u;
            }

            @Override
            public int size() {
                return entries.size();
            }
        };
        BulkIngestJob.Outcome out;
        try {
            out = crm.upsertInBulk(sobject, "Id", updates);
        } catch (SalesforceApiException e) {
            // the job itself was refused (e.g. the object does not exist): every record of it is affected
            String reason = e.errorCode() + ": " + e.getMessage();
            Map<String, String> all = new LinkedHashMap<>();
            byId.keySet().forEach(id -> all.put(id, reason));
            out = new BulkIngestJob.Outcome(java.util.Set.of(), all, java.util.Set.of(), reason);
        }
        List<OutboxEntry> settled = new ArrayList<>(out.written().size() + out.refused().size());
        out.written().forEach(id -> settled.add(byId.get(id)));
        if (!out.refused().isEmpty()) {
            Map<String, String> payloads = outbox.payloads(flow, sobject, out.refused().keySet());
            out.refused().forEach((id, error) -> {
                OutboxEntry e = byId.get(id);
                // stored before the entry leaves the outbox: a crash in between sends it once more, never loses it
                deadLetters.put(flow, STAGE, e.sourceId(), e.sourceVersion(), REFUSED, refusal(sobject, e, error),
                        payloads.getOrDefault(id, ""));
                settled.add(e);
            });
        }
        outbox.remove(settled);
        return new Result(out.written().size(), out.refused().size(), out.unprocessed().size());
    }

    /** The fields to write, as stored (the ERP number first). */
    static Map<String, Object> fields(OutboxEntry e) {
        try {
            return Json.readMap(e.fields());
        } catch (com.fasterxml.jackson.core.JsonProcessingException x) {
            // only this class writes the column: unreadable JSON is a broken store, not a record's fault
            throw new IllegalStateException("outbox row of " + e.crmObject() + " " + e.recordId() + " holds no JSON", x);
        }
    }

    private static String refusal(String sobject, OutboxEntry e, String reason) {
        Map.Entry<String, Object> number = fields(e).entrySet().iterator().next();
        return "write-back of ERP number " + number.getValue() + " to " + sobject + "." + number.getKey()
                + " refused: " + reason;
    }
}
