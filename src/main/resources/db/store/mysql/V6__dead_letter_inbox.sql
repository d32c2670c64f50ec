-- error inbox: who resolved a letter by hand and why, and every action a person took on a letter (resolve, edit);
-- an edit keeps the hash of the record it replaced, so the source's uncorrected copy of that version, read again,
-- does not undo the edit
ALTER TABLE bridge_dead_letter ADD COLUMN resolved_by VARCHAR(100);
ALTER TABLE bridge_dead_letter ADD COLUMN resolution_note VARCHAR(2000);

CREATE TABLE bridge_dead_letter_action (
  id         BIGINT AUTO_INCREMENT PRIMARY KEY,
  letter_id  BIGINT        NOT NULL,
  flow       VARCHAR(60)   NOT NULL,
  source_id  VARCHAR(64)   NOT NULL,
  source_version VARCHAR(40),
  action     VARCHAR(20)   NOT NULL,
  actor      VARCHAR(100)  NOT NULL,
  at         DATETIME(3)  NOT NULL,
  note       VARCHAR(2000),
  replaced_sha256 VARCHAR(64),
  changes    LONGTEXT
);
CREATE INDEX bridge_dead_letter_action_letter ON bridge_dead_letter_action (letter_id);
CREATE INDEX bridge_dead_letter_action_source ON bridge_dead_letter_action (source_id);
CREATE INDEX bridge_dead_letter_action_at ON bridge_dead_letter_action (at);
