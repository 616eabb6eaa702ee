-- The erasure ledger (GDPR Art. 5(2) accountability): who asked for which erasure, when and why,
-- and which tool confirmed it when. Holds no personal data.
CREATE TABLE erasure_request (
    user_id           UUID                     NOT NULL PRIMARY KEY,
    deletion_event_id VARCHAR(36)              NOT NULL,
    requested_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    reason            VARCHAR(32)              NOT NULL,
    requested_by      VARCHAR(32)              NOT NULL,
    actor             VARCHAR(100)
);

CREATE TABLE erasure_confirmation (
    user_id      UUID                     NOT NULL,
    tool         VARCHAR(40)              NOT NULL,
    erased_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    confirmed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_erasure_confirmation PRIMARY KEY (user_id, tool)
);

CREATE INDEX ix_erasure_request_requested_at ON erasure_request (requested_at);
