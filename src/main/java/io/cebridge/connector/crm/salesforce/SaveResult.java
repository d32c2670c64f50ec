package io.cebridge.connector.crm.salesforce;

/** Outcome of one record of an sObject Collections call; errorCode and message are null on success. */
public record SaveResult(String id, boolean success, String errorCode, String message) {
}
