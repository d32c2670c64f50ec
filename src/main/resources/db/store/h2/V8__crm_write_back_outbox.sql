-- write-backs of a CRM -> ERP flow in volume mode (issue 15): a delivery batch's ERP numbers are committed here before
-- its Kafka offsets, and one Bulk API 2.0 ingest job sends many batches' rows; a row leaves only after the job's
-- results were read (written: deleted; refused: dead-lettered with payload, then deleted; unprocessed: sent again).
-- One row per CRM record: a newer write-back of the same record replaces the one not sent yet.
CREATE TABLE bridge_crm_outbox (
  flow           VARCHAR(60)   NOT NULL,
  crm_object     VARCHAR(80)   NOT NULL,
  record_id      VARCHAR(64)   NOT NULL,
  fields         VARCHAR(4000) NOT NULL,
  source_id      VARCHAR(64)   NOT NULL,
  source_version VARCHAR(40),
  payload        CLOB          NOT NULL,
  created_at     TIMESTAMP(3)  NOT NULL,
  PRIMARY KEY (flow, crm_object, record_id)
);
-- the flusher reads the oldest rows of a flow first and asks how old the oldest is
CREATE INDEX bridge_crm_outbox_age ON bridge_crm_outbox (flow, created_at);
