-- which instance may poll a source right now; renewed on every poll, taken over when it expires
CREATE TABLE bridge_lease (
  name       VARCHAR(100) NOT NULL PRIMARY KEY,
  owner      VARCHAR(200) NOT NULL,
  expires_at DATETIME(3) NOT NULL
);
