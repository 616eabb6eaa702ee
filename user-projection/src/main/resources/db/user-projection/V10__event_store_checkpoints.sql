-- A few (position, event id) pairs of the event store as the projection saw it. A restored event
-- store that has grown back past the tools' positions is no longer "behind" them, but the events
-- at those positions are other ones: a checkpoint whose event is gone or different gives it away.
CREATE TABLE event_store_checkpoint (
    position         BIGINT                   NOT NULL,
    event_identifier VARCHAR(36)              NOT NULL,
    recorded_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_event_store_checkpoint PRIMARY KEY (position)
);
