-- Outbox of erasure receipts: written in the transaction that applies the deletion, delivered to
-- the user service until acknowledged. Kept after delivery as this tool's own evidence.
CREATE TABLE erasure_receipt (
    tool              VARCHAR(40)              NOT NULL,
    user_id           UUID                     NOT NULL,
    deletion_event_id VARCHAR(36)              NOT NULL,
    erased_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    attempts          INTEGER                  NOT NULL,
    next_attempt_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    delivered_at      TIMESTAMP WITH TIME ZONE,
    CONSTRAINT pk_erasure_receipt PRIMARY KEY (tool, user_id)
);

CREATE INDEX ix_erasure_receipt_due ON erasure_receipt (delivered_at, next_attempt_at);
