-- Data exports (GDPR Art. 15) run in the background: a job per request, polled by the auditor.
-- running_user_id holds the user's id while the job runs and is NULL once it ended: its unique
-- constraint lets one export of a user run at a time across every instance. The owner records a
-- heartbeat; a RUNNING job without one for the stale-after is failed. The document is stored
-- encrypted with the user's own key (pd:v1:…), so an erasure makes it unreadable, and the user's
-- rows are deleted with the erasure; finished jobs are deleted at expires_at.
CREATE TABLE export_job (
    job_id          UUID                     NOT NULL PRIMARY KEY,
    user_id         UUID                     NOT NULL,
    running_user_id UUID,
    requested_by    VARCHAR(200)             NOT NULL,
    status          VARCHAR(16)              NOT NULL,
    error           VARCHAR(32),
    owner           VARCHAR(200)             NOT NULL,
    heartbeat_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    requested_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    completed_at    TIMESTAMP WITH TIME ZONE,
    expires_at      TIMESTAMP WITH TIME ZONE,
    document        TEXT,
    CONSTRAINT uq_export_job_running UNIQUE (running_user_id)
);

CREATE INDEX ix_export_job_user ON export_job (user_id);
CREATE INDEX ix_export_job_expires ON export_job (expires_at);
