package io.cebridge.flow.customermaster;

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
 * at a time: each call waits on the network far longer than it costs here.
 */
final class CrmWriteBack {
    private static final int PARALLEL_CALLS = 4;
    private final java.util.concurrent.ExecutorService calls = java.util.concurrent.Executors.newFixedThreadPool(
            PARALLEL_CALLS, r -> {
                Thread t = new Thread(r, "ce-bridge-crm-write-back");
                t.setDaemon(true);
                return t;
            });
    private final CrmRecordWriter crm;
    private final String sobject;
    private final String field;

    CrmWriteBack(CrmRecordWriter crm, String sobject, String field) {
        this.crm = crm;
        this.sobject = sobject;
        this.field = field;
    }

    /** Returns the records the CRM rejected, with its error text. */
    Map<CustomerRecord, String> write(List<CustomerRecord> records) {
        List<java.util.concurrent.Future<Map<CustomerRecord, String>>> pending = new ArrayList<>();
        int limit = crm.maxRecordsPerCall();
        for (int from = 0; from < records.size(); from += limit) {
            List<CustomerRecord> chunk = records.subList(from, Math.min(records.size(), from + limit));
            pending.add(calls.submit(() -> writeChunk(chunk)));
        }
        Map<CustomerRecord, String> failed = new IdentityHashMap<>();
        RuntimeException first = null;
        for (java.util.concurrent.Future<Map<CustomerRecord, String>> f : pending) {
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

    private Map<CustomerRecord, String> writeChunk(List<CustomerRecord> chunk) {
        Map<CustomerRecord, String> failed = new IdentityHashMap<>();
        List<Map<String, Object>> updates = new ArrayList<>();
        for (CustomerRecord r : chunk) {
            Map<String, Object> u = new LinkedHashMap<>();
            u.put("Id", r.sourceId);
            u.put(field, r.erpNo);
            updates.add(u);
        }
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
                CustomerRecord r = chunk.get(i);
                failed.put(r, "write-back of ERP number " + r.erpNo + " to " + sobject + "." + field + " refused: "
                        + (res == null ? "no result returned for this record" : res.errorCode() + ": " + res.message()));
            }
        }
        return failed;
    }
}
