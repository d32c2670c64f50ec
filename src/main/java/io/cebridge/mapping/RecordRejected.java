package io.cebridge.mapping;

/** Thrown by a mapping's {@code $reject(code, reason)}: the mapping refuses this record, for a person to act on. */
final class RecordRejected extends RuntimeException {
    private final String code;

    RecordRejected(String code, String reason) {
        super(reason, null, false, false);
        this.code = code;
    }

    String code() {
        return code;
    }
}
