package io.cebridge.store;

/**
 * One audited change: which source record, which version, what happened in the target ({@code target}: where, e.g.
 * erp:erp_customer or crm:Account, for a READ the system read from; {@code targetId}: the key it has there), with which quality flags, made by which
 * mapping file ({@code mappingHash}: SHA-256 of the file's content then). Unknown parts are null.
 */
public record AuditEntry(String flow, String sourceId, String sourceVersion, String targetId, String action, String flags,
                         String mappingFile, String mappingHash, String target) {
    /** A change without mapping or target detail. */
    public AuditEntry(String flow, String sourceId, String sourceVersion, String targetId, String action, String flags) {
        this(flow, sourceId, sourceVersion, targetId, action, flags, null, null, null);
    }
}
