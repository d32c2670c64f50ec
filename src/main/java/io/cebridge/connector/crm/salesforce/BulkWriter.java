package io.cebridge.connector.crm.salesforce;

import java.util.List;
import java.util.Map;

/** A CRM writer that can also write many records through one Bulk API 2.0 ingest job. */
public interface BulkWriter {
    /** More records than this at once go through a Bulk API 2.0 job (bridge.crm.bulk-threshold). */
    int bulkThreshold();

    /**
     * Upserts the records by {@code externalIdField} ("Id" updates existing records only) in one ingest job; each
     * record's outcome is matched by that field's value, never by position.
     */
    BulkIngestJob.Outcome upsertInBulk(String sobject, String externalIdField, List<Map<String, Object>> records);
}
