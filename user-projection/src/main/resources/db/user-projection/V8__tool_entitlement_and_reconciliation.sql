-- A tool holds a user only while the user is entitled to it. When a user is withheld from a tool
-- (entitlement lost, or never given), the tool's row is gone; this remembers the version at which
-- that happened, so an older event redelivered later (replay, reconciliation racing the processor)
-- cannot write the row back. Ids and versions only. Removed when the row is written again.
CREATE TABLE tool_withheld (
    tool       VARCHAR(40)              NOT NULL,
    user_id    UUID                     NOT NULL,
    version    BIGINT                   NOT NULL,
    event_time TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_tool_withheld PRIMARY KEY (tool, user_id)
);

-- Reconciliation reports what it could not or need not do, apart from what it repaired:
-- suppressed: writes the tool's own guards refused (a newer write, the tool's erasure receipt);
-- unconfirmed: erased users this tool had not yet recorded an erasure receipt for;
-- skipped: rows newer than the source's state, or users that changed while being compared.
ALTER TABLE reconciliation ADD COLUMN suppressed BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE reconciliation ADD COLUMN unconfirmed BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE reconciliation ADD COLUMN skipped BIGINT DEFAULT 0 NOT NULL;
