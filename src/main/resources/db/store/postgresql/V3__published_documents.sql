-- ERP -> CRM flows: what was last sent to the CRM per source document, so re-reads (look-back, restarts, the daily
-- financial refresh) that carry no change are not written again, and an older snapshot never overwrites a newer one.
CREATE TABLE bridge_published (
  flow           VARCHAR(60)  NOT NULL,
  source_id      VARCHAR(120) NOT NULL,
  source_version VARCHAR(40)  NOT NULL,
  content_hash   VARCHAR(64)  NOT NULL,
  updated_at     TIMESTAMP(3) NOT NULL,
  PRIMARY KEY (flow, source_id)
);
