package io.cebridge.connector.crm;

import java.util.List;
import java.util.Map;

/** Updates CRM records in one call (each map holds "Id" and the fields to set); results in request order. */
public interface CrmRecordWriter {
    List<SaveResult> update(String sobject, List<Map<String, Object>> records, boolean allOrNone);

    /** Upserts records of one sObject type by an external id field; results in request order. */
    default List<SaveResult> upsert(String sobject, String externalIdField, List<Map<String, Object>> records,
                                    boolean allOrNone) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot upsert");
    }

    /** Most records one call may carry. */
    default int maxRecordsPerCall() {
        return 200;
    }
}
