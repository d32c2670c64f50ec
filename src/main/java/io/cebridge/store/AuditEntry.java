package io.cebridge.store;

/** One delivered change: which source record, which version, what happened in the target, with which quality flags. */
public record AuditEntry(String flow, String sourceId, String sourceVersion, String targetId, String action, String flags) {
}
