package io.cebridge.mapping;

/**
 * A mapping file that does not load or compile, or a record a mapping cannot map; the message names the file (and
 * the line and column with the line shown, where JSONata gives a position: {@link SourcePosition}). A
 * mapping that refuses a record on purpose ({@code $reject(code, reason)}) gives its own reason code.
 */
public final class MappingException extends Exception {
    /** The reason code of a record a mapping could not map. */
    public static final String MAPPING_FAILED = "MAPPING_FAILED";
    private final String code;

    public MappingException(String message) {
        this(message, null);
    }

    public MappingException(String message, Throwable cause) {
        this(MAPPING_FAILED, message, cause);
    }

    public MappingException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** MAPPING_FAILED, or the code a mapping's $reject gave. */
    public String code() {
        return code;
    }
}
