-- H2 only: the cross-reference's primary key leads with crm_id, and the separate crm_id index goes. Every delivery
-- batch looks its records up by crm_id alone (H2 uses an index for an IN list only on its first column, so V1 added
-- bridge_xref_crm beside the key on (entity_type, crm_id)); each new link was written into three B-trees and each
-- again at commit. With the key on (crm_id, entity_type) the same look-ups use the key, and a link costs two
-- (issue 15, docs/performance.md). PostgreSQL and MariaDB keep V1's key and index: their cost per index is not H2's.
ALTER TABLE bridge_xref DROP PRIMARY KEY;
ALTER TABLE bridge_xref ADD CONSTRAINT bridge_xref_key PRIMARY KEY (crm_id, entity_type);
DROP INDEX bridge_xref_crm;
