-- Snapshot runs: each restates every live user's state as an event. A tool rebuilds from a
-- completed run's start position instead of from the first event.
CREATE TABLE snapshot_run (
    run_id         UUID                     NOT NULL PRIMARY KEY,
    started_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    start_position BIGINT                   NOT NULL,
    completed_at   TIMESTAMP WITH TIME ZONE,
    users          BIGINT                   NOT NULL,
    status         VARCHAR(16)              NOT NULL,
    started_by     VARCHAR(100)             NOT NULL
);

CREATE INDEX ix_snapshot_run_completed ON snapshot_run (status, completed_at);
