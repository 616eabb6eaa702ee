-- Reconciliation runs in the background: a request starts a run (or answers the one already
-- running for the same scope: a tool, or '*' for every tool) and its status is polled here.
-- running_scope is set while RUNNING and NULL after: the unique constraint lets one run per scope
-- proceed across every instance (NULLs do not collide, on H2 and PostgreSQL alike). A run whose
-- owner stopped sending heartbeats is failed and its scope freed.
CREATE TABLE reconciliation_run (
    id            UUID                     NOT NULL PRIMARY KEY,
    tool          VARCHAR(40),
    status        VARCHAR(16)              NOT NULL,
    requested_by  VARCHAR(100)             NOT NULL,
    owner         VARCHAR(255)             NOT NULL,
    started_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    heartbeat_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    completed_at  TIMESTAMP WITH TIME ZONE,
    running_scope VARCHAR(40),
    CONSTRAINT uq_reconciliation_run_running UNIQUE (running_scope)
);

CREATE INDEX ix_reconciliation_run_started ON reconciliation_run (started_at);

-- The reports a run wrote, one per tool.
ALTER TABLE reconciliation ADD COLUMN run_id UUID;
CREATE INDEX ix_reconciliation_run_id ON reconciliation (run_id);
