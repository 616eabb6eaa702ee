-- The erasure journal: kept apart from the event store's database and its backups, so that a
-- restore of the event store cannot bring an erased person back. Holds no personal data.
CREATE TABLE erasure_journal (
    user_id           UUID                     NOT NULL PRIMARY KEY,
    deletion_event_id VARCHAR(36)              NOT NULL,
    requested_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    reason            VARCHAR(32)              NOT NULL,
    requested_by      VARCHAR(32)              NOT NULL,
    actor             VARCHAR(100)
);

CREATE INDEX ix_erasure_journal_requested_at ON erasure_journal (requested_at);

-- Destroyed subject keys: a key named here is never used or created again, whatever the event
-- store's subject_key table says.
CREATE TABLE subject_tombstone (
    subject_id   VARCHAR(36)              NOT NULL PRIMARY KEY,
    destroyed_at TIMESTAMP WITH TIME ZONE NOT NULL
);
