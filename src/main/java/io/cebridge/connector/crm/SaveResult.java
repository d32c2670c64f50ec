package io.cebridge.connector.crm;

/** Outcome of one record of a CRM batch write; errorCode and message are null on success. */
public record SaveResult(String id, boolean success, String errorCode, String message) {
}
