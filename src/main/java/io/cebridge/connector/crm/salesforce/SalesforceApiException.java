package io.cebridge.connector.crm.salesforce;

/** An error answer from the Salesforce REST API ({@code [{message, errorCode, fields}]}). */
public final class SalesforceApiException extends RuntimeException {
    private final int status;
    private final String errorCode;

    public SalesforceApiException(int status, String errorCode, String message) {
        super("Salesforce answered HTTP " + status + " " + errorCode + ": " + message);
        this.status = status;
        this.errorCode = errorCode;
    }

    public int status() {
        return status;
    }

    public String errorCode() {
        return errorCode;
    }
}
