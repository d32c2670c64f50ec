package io.cebridge.flow.crmtoerp;

import io.cebridge.connector.crm.salesforce.SalesforceApiException;
import io.cebridge.connector.crm.CrmRecordWriter;
import io.cebridge.connector.crm.SaveResult;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes ERP numbers back to CRM records in sObject Collections calls of up to 200, allOrNone=false, a few calls
 * at a time: each call waits on the network far longer than it costs here. The record written is the flow's own CRM
 * record, or the one a canonical field names (a quote's opportunity). In volume mode (see {@link WriteBackOutbox}) the
 * write-backs are stored in the flow's outbox instead and sent many batches at a time through one Bulk API 2.0 ingest
 * job; the batch is acknowledged once they are stored.
 */
public final class CrmWriteBack {
    private static final int PARALLEL_CALLS = 4;
    // one small pool for every flow of the process: the calls are I/O-bound, the threads are daemons
    private static final java.util.concurrent.ExecutorService CALLS = java.util.concurrent.Executors.newFixedThreadPool(
            PARALLEL_CALLS, r -> {
                Thread t = new Thread(r, "ce-bridge-crm-write-back");
                t.setDaemon(true);
                return t;
            });
    private final CrmRecordWriter crm;
    private final String sobject;
    private final String idField;
    private final String field;
    private final String current;
    private final String internalIdField;
    private volatile WriteBackOutbox outbox;

    /**
     * {@code idField}: the canonical field holding the id of the CRM record to write (null: the flow's own record);
     * {@code current}: the canonical event's field holding the value the CRM has now (its inbound mapping sets it).
     */
    public CrmWriteBack(CrmRecordWriter crm, String sobject, String idField, String field, String current) {
        this(crm, sobject, idField, field, current, null);
    }

    /**
     * {@code internalIdField}: a CRM field that gets the ERP's internal id of the document (Kingdee's FID) in the same
     * update as the number, when the ERP connector gives one (null: none). It goes with the number only, so it needs
     * no current value of its own: a number already in the CRM is not written again, nor is its id.
     */
    public CrmWriteBack(CrmRecordWriter crm, String sobject, String idField, String field, String current,
                        String internalIdField) {
        this.crm = crm;
        this.sobject = sobject;
        this.idField = idField;
        this.field = field;
        this.current = current;
        this.internalIdField = internalIdField == null || internalIdField.isBlank() ? null : internalIdField;
    }

    /** The flow's outbox: in volume mode the write-backs go there, for a Bulk API 2.0 job (null: always REST). */
    public void outbox(WriteBackOutbox outbox) {
        this.outbox = outbox;
    }

    private String idOf(FlowRecord r) {
        if (idField == null) {
            return r.sourceId;
        }
        Object id = r.field(idField);
        return id == null ? null : id.toString();
    }

    /** True when the record has an ERP number the CRM does not carry yet: writing it back again would only echo. */
    boolean needed(FlowRecord r) {
        Object now = r.field(current);
        return r.erpNo != null && idOf(r) != null && !r.erpNo.equals(now == null ? null : now.toString());
    }

    /** Returns the records the CRM rejected, with its error text. */
    Map<FlowRecord, String> write(List<FlowRecord> records) {
        WriteBackOutbox box = outbox;
        try {
            if (box != null && box.takes(records.size())) {
                keep(box, records);
                return Map.of(); // refusals are dead-lettered when the job's results are read
            }
        } catch (java.sql.SQLException e) {
            throw new io.cebridge.error.RetriableException("write-back outbox unavailable (SQLState " + e.getSQLState()
                    + ")", e);
        }
        List<java.util.concurrent.Future<Map<FlowRecord, String>>> pending = new ArrayList<>();
        int limit = crm.maxRecordsPerCall();
        for (int from = 0; from < records.size(); from += limit) {
            List<FlowRecord> chunk = records.subList(from, Math.min(records.size(), from + limit));
            pending.add(CALLS.submit(() -> writeChunk(chunk)));
        }
        Map<FlowRecord, String> failed = new IdentityHashMap<>();
        RuntimeException first = null;
        for (java.util.concurrent.Future<Map<FlowRecord, String>> f : pending) {
            try {
                failed.putAll(f.get()); // wait for every call, so none is still running when the batch is retried
            } catch (java.util.concurrent.ExecutionException e) {
                if (first == null) {
                    first = e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new io.cebridge.error.RetriableException("interrupted during CRM write-back", e);
            }
        }
        if (first != null) {
            throw first;
        }
        return failed;
    }

    /**
     * Stores the write-backs in the flow's outbox (one row per CRM record, the first record's number when two name the
     * same one, as a collection call does) for a later Bulk API 2.0 job; nothing is refused here.
     */
    private void keep(WriteBackOutbox box, List<FlowRecord> records) {
        Map<String, io.cebridge.store.OutboxEntry> byId = new LinkedHashMap<>();
        java.time.Instant now = java.time.Instant.now();
        for (FlowRecord r : records) {
            String id = idOf(r);
            if (byId.containsKey(id)) {
                continue;
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put(field, r.erpNo); // first: a dead letter's reason names it
            if (internalIdField != null && r.erpId != null) {
                fields.put(internalIdField, r.erpId);
            }
            byId.put(id, new io.cebridge.store.OutboxEntry(box.flow(), sobject, id, io.cebridge.json.Json.write(fields),
                    r.sourceId, r.sourceVersion, r.eventJson(), now));
        }
        try {
            box.add(List.copyOf(byId.values()));
        } catch (java.sql.SQLException e) {
            // nothing of the batch is acknowledged: its redelivery stores them again
            throw new io.cebridge.error.RetriableException("write-back outbox unavailable (SQLState " + e.getSQLState()
                    + ")", e);
        }
    }

    private Map<FlowRecord, String> writeChunk(List<FlowRecord> chunk) {
        Map<FlowRecord, String> failed = new IdentityHashMap<>();
        List<Map<String, Object>> updates = new ArrayList<>();
        java.util.Set<String> ids = new java.util.HashSet<>();
        List<FlowRecord> sent = new ArrayList<>();
        for (FlowRecord r : chunk) {
            // one call may not name a record twice (two quotes of one opportunity): the first one's number is written
            if (!ids.add(idOf(r))) {
                continue;
            }
            Map<String, Object> u = new LinkedHashMap<>();
            u.put("Id", idOf(r));
            u.put(field, r.erpNo);
            if (internalIdField != null && r.erpId != null) {
                u.put(internalIdField, r.erpId);
            }
            updates.add(u);
            sent.add(r);
        }
        chunk = sent;
        List<SaveResult> results;
        try {
            results = crm.update(sobject, updates, false);
        } catch (SalesforceApiException e) {
            // the whole call was refused (e.g. the field does not exist): every record of it is affected
            chunk.forEach(r -> failed.put(r, "write-back of ERP number " + r.erpNo + " to " + sobject + "." + field
                    + " refused: " + e.errorCode() + ": " + e.getMessage()));
            return failed;
        }
        for (int i = 0; i < chunk.size(); i++) {
            SaveResult res = i < results.size() ? results.get(i) : null;
            if (res == null || !res.success()) {
                FlowRecord r = chunk.get(i);
                failed.put(r, "write-back of ERP number " + r.erpNo + " to " + sobject + "." + field + " refused: "
                        + (res == null ? "no result returned for this record" : res.errorCode() + ": " + res.message()));
            }
        }
        return failed;
    }
}
