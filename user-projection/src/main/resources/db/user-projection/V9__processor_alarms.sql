-- A tool whose tokens are ahead of the event store's head, as after a restore of the event store
-- from an older backup: Axon would silently skip every new event below the token. While a row
-- stands, no instance runs or starts that tool's processor; an operator resets or re-aligns it.
CREATE TABLE processor_alarm (
    tool           VARCHAR(40)              NOT NULL,
    detected_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    detected_by    VARCHAR(255)             NOT NULL,
    -- the furthest segment token at detection
    token_position BIGINT                   NOT NULL,
    -- the store's head at detection; null when the store was empty
    head_position  BIGINT,
    CONSTRAINT pk_processor_alarm PRIMARY KEY (tool)
);

-- The erasure sweeper looks up each tool's recent receipts every second.
CREATE INDEX ix_erasure_receipt_tool_erased ON erasure_receipt (tool, erased_at);
