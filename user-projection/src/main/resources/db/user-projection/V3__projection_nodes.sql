-- Live projection instances, so that each can take its fair share of every tool's segments.
CREATE TABLE projection_node (
    node_id   VARCHAR(255)             NOT NULL PRIMARY KEY,
    last_seen TIMESTAMP WITH TIME ZONE NOT NULL
);
