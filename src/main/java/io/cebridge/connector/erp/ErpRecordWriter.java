package io.cebridge.connector.erp;

import java.util.List;
import java.util.Map;

/**
 * An ERP reached through its API that writes one delivery batch of mapped records, found by their CRM id: each
 * record is created, updated, found unchanged or refused with the ERP's own reason, and its ERP number comes back to
 * be written to the CRM (the contract the JDBC upsert writes keep too). A failure of the whole call is thrown:
 * {@link io.cebridge.error.RetriableException} (the step is run again; it must then never write a record twice) or
 * {@link io.cebridge.error.SystemFailureException}.
 */
public interface ErpRecordWriter {
    /** One record: its CRM id, its mapped document and its source version (null: unknown). */
    record Input(String crmId, Map<String, Object> document, String version) {
        public Input(String crmId, Map<String, Object> document) {
            this(crmId, document, null);
        }
    }

    /**
     * What happened to one record; {@code number}: the ERP's number of it; {@code reason}: why it was refused.
     * CLAIMED: a document made outside the flow now belongs to the record; LINKED: the record shares a document
     * another record owns (same tax code), nothing written. {@code id}: the ERP's internal id of the document (Kingdee's
     * FID), when the ERP has one besides its number; null otherwise.
     */
    record Outcome(Kind kind, String number, String reason, String id) {
        public enum Kind { CREATED, UPDATED, UNCHANGED, CLAIMED, LINKED, FAILED }

        public Outcome(Kind kind, String number, String reason) {
            this(kind, number, reason, null);
        }

        public static Outcome failed(String reason) {
            return new Outcome(Kind.FAILED, null, reason);
        }
    }

    /** Writes the records; the outcomes in input order. */
    List<Outcome> write(List<Input> records);

    /**
     * The document field by which records without a document of their own claim one made by hand or share one another
     * record owns (Kingdee's tax code), or null: records sharing its value must not both create one.
     */
    default String claimField() {
        return null;
    }
}
