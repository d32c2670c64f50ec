package io.cebridge.mapping;

/** A mapping file that does not load or compile, or a record a mapping cannot map; the message names the file. */
public final class MappingException extends Exception {
    public MappingException(String message) {
        super(message);
    }

    public MappingException(String message, Throwable cause) {
        super(message, cause);
    }
}
