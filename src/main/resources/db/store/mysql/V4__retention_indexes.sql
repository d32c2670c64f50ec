-- bridge.store.retention: the hourly purge finds old audit rows and resolved dead letters by time, not by a full scan
CREATE INDEX bridge_audit_at ON bridge_audit (at);
CREATE INDEX bridge_dead_letter_resolved ON bridge_dead_letter (status, resolved_at);
