-- who may create the ERP row for a claim value (issue 15): two new CRM records sharing e.g. a USCC (claimBy=uscc) can
-- be delivered at once by two consumers or instances; each reads the ERP, finds no row and would create one. Before
-- creating, a delivery batch claims the values here (committed at once, so every other instance sees it); a record
-- whose value another record holds waits (CLAIMED_BY_OTHER) until that one is linked or its claim lapses
-- (bridge.delivery.create-claim-lease). Kept after the create (purged with bridge.store.retention).
CREATE TABLE bridge_create_claim (
  entity      VARCHAR(40)  NOT NULL,
  claim_value VARCHAR(255) NOT NULL,
  source_id   VARCHAR(64)  NOT NULL,
  claimed_at  TIMESTAMP(3) NOT NULL,
  -- the value first: a batch looks its values up with claim_value IN (...), and H2 uses an index for an IN only on
  -- its first column (with (entity, claim_value) every look-up read every claim of the entity: an initial load slowed
  -- by the square of its size)
  PRIMARY KEY (claim_value, entity)
);
-- the release of waiting records asks what their holders still hold (no index on claimed_at: an initial load inserts a
-- claim per new record, and only the hourly purge reads by time)
CREATE INDEX bridge_create_claim_holder ON bridge_create_claim (source_id, entity);
