-- ce-bridge state store: cross-reference, watermarks, dead letters, audit.
CREATE TABLE bridge_xref (
  entity_type    VARCHAR(40)  NOT NULL,
  crm_id         VARCHAR(64)  NOT NULL,
  erp_id         VARCHAR(64)  NOT NULL,
  source_version VARCHAR(40)  NOT NULL,
  updated_at     DATETIME(3) NOT NULL,
  PRIMARY KEY (entity_type, crm_id)
);
CREATE INDEX bridge_xref_erp ON bridge_xref (entity_type, erp_id);
-- single-column index so batched lookups (crm_id IN (...)) use it on every database, H2 included
CREATE INDEX bridge_xref_crm ON bridge_xref (crm_id);

CREATE TABLE bridge_watermark (
  flow       VARCHAR(60)  NOT NULL PRIMARY KEY,
  stamp      VARCHAR(40)  NOT NULL,
  tie_id     VARCHAR(64)  NOT NULL,
  updated_at DATETIME(3) NOT NULL
);

CREATE TABLE bridge_dead_letter (
  id              BIGINT AUTO_INCREMENT PRIMARY KEY,
  flow            VARCHAR(60)  NOT NULL,
  stage           VARCHAR(40)  NOT NULL,
  source_id       VARCHAR(64)  NOT NULL,
  source_version  VARCHAR(40),
  reason_code     VARCHAR(60)  NOT NULL,
  reason          LONGTEXT     NOT NULL,
  payload         LONGTEXT     NOT NULL,
  attempts        INT          NOT NULL,
  status          VARCHAR(20)  NOT NULL,
  first_failed_at DATETIME(3) NOT NULL,
  last_failed_at  DATETIME(3) NOT NULL,
  resolved_at     DATETIME(3)
);
CREATE INDEX bridge_dead_letter_source ON bridge_dead_letter (source_id);

CREATE TABLE bridge_audit (
  id             BIGINT AUTO_INCREMENT PRIMARY KEY,
  flow           VARCHAR(60)  NOT NULL,
  source_id      VARCHAR(64)  NOT NULL,
  source_version VARCHAR(40),
  target_id      VARCHAR(64),
  action         VARCHAR(30)  NOT NULL,
  flags          VARCHAR(200),
  at             DATETIME(3) NOT NULL
);
CREATE INDEX bridge_audit_source ON bridge_audit (flow, source_id);
