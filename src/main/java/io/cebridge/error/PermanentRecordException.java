package io.cebridge.error;

/** A failure of one record that retrying cannot fix (validation, mapping, constraint, CRM 4xx): dead-lettered at once. */
public class PermanentRecordException extends RuntimeException {
    private final String reasonCode;

    public PermanentRecordException(String reasonCode, String message) {
        super(message);
        this.reasonCode = reasonCode;
    }

    public PermanentRecordException(String reasonCode, String message, Throwable cause) {
        super(message, cause);
        this.reasonCode = reasonCode;
    }

    public String reasonCode() {
        return reasonCode;
    }
}
