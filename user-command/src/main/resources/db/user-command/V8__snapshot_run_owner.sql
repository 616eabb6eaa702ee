-- Snapshot runs survive crashes: each run records the instance that owns it and a heartbeat, and
-- one lock row, taken with a conditional UPDATE, lets one run at a time proceed across every
-- instance. A run whose heartbeat is older than the timeout is failed and its lock taken over.
ALTER TABLE snapshot_run ADD COLUMN owner VARCHAR(200);
ALTER TABLE snapshot_run ADD COLUMN heartbeat_at TIMESTAMP WITH TIME ZONE;

CREATE TABLE snapshot_run_lock (
    id           INT                      NOT NULL PRIMARY KEY,
    run_id       UUID,
    owner        VARCHAR(200),
    heartbeat_at TIMESTAMP WITH TIME ZONE
);

INSERT INTO snapshot_run_lock (id) VALUES (1);
