package io.cebridge.connector.crm;

/**
 * Outcome of one record of a CRM batch write; errorCode and message are null on success. {@code created} is true
 * only when an upsert or create inserted a new record (an update, or an upsert that matched, leaves it false).
 */
public record SaveResult(String id, boolean success, String errorCode, String message, boolean created) {

    /** A result that says nothing about creation, as updates report it. */
    public SaveResult(String id, boolean success, String errorCode, String message) {
        this(id, success, errorCode, message, false);
    }
}
