-- what each running instance runs: one row per flow of its route files, rewritten every few seconds, so `status`
-- shows the flows and states of the instance that runs (demo, other settings) rather than its own configuration
CREATE TABLE bridge_instance_flow (
  instance_id VARCHAR(200)  NOT NULL,
  flow        VARCHAR(60)   NOT NULL,
  state       VARCHAR(20)   NOT NULL,
  detail      VARCHAR(1000),
  seen_at     DATETIME(3) NOT NULL,
  PRIMARY KEY (instance_id, flow)
);

-- the last scheduled reconcile of each flow (bridge.reconcile.*): the report as GET /api/reconcile/last answers it,
-- and its counts by kind for ce_bridge_reconcile_differences{flow,kind}
CREATE TABLE bridge_reconcile_report (
  flow       VARCHAR(60)   NOT NULL PRIMARY KEY,
  ran_at     DATETIME(3) NOT NULL,
  agrees     SMALLINT      NOT NULL,
  report     LONGTEXT,
  error      VARCHAR(2000)
);

CREATE TABLE bridge_reconcile_count (
  flow       VARCHAR(60)   NOT NULL,
  kind       VARCHAR(20)   NOT NULL,
  n          BIGINT        NOT NULL,
  PRIMARY KEY (flow, kind)
);
