package io.cebridge.connector.crm.salesforce;

/**
 * An answer of the CRM that the same request would get again and that cannot be read (beyond a parser limit, a byte
 * order mark): not retried; its cycle fails with this reason and the next poll asks again.
 */
public final class CrmAnswerException extends RuntimeException {
    public CrmAnswerException(String message, Throwable cause) {
        super(message, cause);
    }
}
