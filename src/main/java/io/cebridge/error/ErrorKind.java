package io.cebridge.error;

/** The three ways a failure is handled. */
public enum ErrorKind {
    /** retry with back-off */
    RETRIABLE,
    /** dead-letter this record, go on with the rest */
    PERMANENT_RECORD,
    /** stop: configuration or credentials must be fixed */
    SYSTEM
}
