package io.cebridge.connector.crm;

import java.util.List;
import java.util.Map;

/** Writes CRM records in batches of one sObject type; every method returns one result per record, in request order. */
public interface CrmRecordWriter {
    /** Updates records by id (each map holds "Id" and the fields to set). */
    List<SaveResult> update(String sobject, List<Map<String, Object>> records, boolean allOrNone);

    /**
     * Upserts up to 200 records of one sObject type by an external id field (each map holds that field and the
     * fields to set; a relationship may be given as a nested map, e.g. "Account__r": {"ERP_Customer_No__c":
     * "100001"}); results in request order, with {@link SaveResult#created()} telling inserts from updates.
     */
    List<SaveResult> upsert(String sobject, String externalIdField, List<Map<String, Object>> records,
                            boolean allOrNone);

    /**
     * Creates up to 200 records; results in request order with the new ids. Not retried by the writer: a create
     * answered late may have been applied, so callers retry by finding the records first.
     */
    List<SaveResult> create(String sobject, List<Map<String, Object>> records, boolean allOrNone);

    /**
     * Runs a SOQL query and returns every matching record (all pages), for objects that have no external id to upsert
     * by and must be found first. A writer that cannot query says so instead of pretending nothing matched.
     */
    default List<Map<String, Object>> find(String soql) {
        throw new UnsupportedOperationException(getClass().getName() + " cannot query the CRM");
    }

    /** Most records one call may carry. */
    default int maxRecordsPerCall() {
        return 200;
    }
}
