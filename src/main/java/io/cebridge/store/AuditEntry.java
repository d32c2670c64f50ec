package io.cebridge.store;

import java.time.Instant;

/**
 * One audited step of a record: a version READ (handed on by its source's poller; {@code target} names that system)
 * or what a write did in the target ({@code target}: where, e.g. erp:erp_customer or crm:Account; {@code targetId}:
 * the key it has there), with which quality flags, made by which mapping file ({@code mappingHash}: SHA-256 of the
 * file's content then). {@code at}: when it happened, null for now. Unknown parts are null. A write may also carry
 * the read of its version ({@code readFrom}: the system, {@code readAt}: when, null for now), so a delivered record
 * costs one row, not two; the trail shows it as the READ and the write.
 */
public record AuditEntry(String flow, String sourceId, String sourceVersion, String targetId, String action, String flags,
                         String mappingFile, String mappingHash, String target, Instant at, String readFrom,
                         Instant readAt) {
    /** The action of a version read from its source. */
    public static final String READ = "READ";

    /** A step without a read carried along. */
    public AuditEntry(String flow, String sourceId, String sourceVersion, String targetId, String action, String flags,
                      String mappingFile, String mappingHash, String target, Instant at) {
        this(flow, sourceId, sourceVersion, targetId, action, flags, mappingFile, mappingHash, target, at, null, null);
    }

    /** A change without mapping or target detail, now. */
    public AuditEntry(String flow, String sourceId, String sourceVersion, String targetId, String action, String flags) {
        this(flow, sourceId, sourceVersion, targetId, action, flags, null, null, null, null);
    }

    /** A write, now. */
    public AuditEntry(String flow, String sourceId, String sourceVersion, String targetId, String action, String flags,
                      String mappingFile, String mappingHash, String target) {
        this(flow, sourceId, sourceVersion, targetId, action, flags, mappingFile, mappingHash, target, null);
    }

    /** {@code version} of {@code sourceId} was read from {@code system} at {@code at} (null: unknown, now). */
    public static AuditEntry read(String flow, String sourceId, String version, String system, Instant at) {
        return new AuditEntry(flow, sourceId, version, null, READ, null, null, null, system, at);
    }

    /** This write, also saying that its version was read from {@code system} at {@code at} (null: unknown, now). */
    public AuditEntry readFrom(String system, Instant at) {
        return new AuditEntry(flow, sourceId, sourceVersion, targetId, action, flags, mappingFile, mappingHash, target,
                this.at, system, at);
    }
}
