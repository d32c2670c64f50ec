-- trail ID: which mapping file (and which content of it) made each audited write, and where it went; records found by
-- the key they were written under (an ERP number, a CRM id) as well as by their source id
ALTER TABLE bridge_audit ADD COLUMN mapping_file VARCHAR(200);
ALTER TABLE bridge_audit ADD COLUMN mapping_hash VARCHAR(64);
ALTER TABLE bridge_audit ADD COLUMN target VARCHAR(120);
CREATE INDEX bridge_audit_target ON bridge_audit (target_id);
-- status: when each flow's poller last renewed its lease, i.e. last polled (kept when the lease is released)
ALTER TABLE bridge_lease ADD COLUMN renewed_at TIMESTAMP(3);
