package io.cebridge.connector.crm;

import java.util.Map;

/**
 * Why a CRM record of a page cannot be taken as it came (a duplicate field, an id that is not the CRM's id format), with
 * the record's text exactly as the CRM sent it. The page reader puts it in the record under {@link #KEY}; ingest
 * dead-letters the record with it and the rest of the page goes on.
 */
public record RecordProblem(String code, String reason, String original) {
    public static final String KEY = "_problem";
    public static final String DUPLICATE_FIELD = "DUPLICATE_FIELD";
    public static final String INVALID_ID = "INVALID_ID";
    public static final String INVALID_ENCODING = "INVALID_ENCODING";

    /** The problem a page reader found in the record, or null. */
    public static RecordProblem of(Map<String, Object> record) {
        return record.get(KEY) instanceof RecordProblem p ? p : null;
    }
}
