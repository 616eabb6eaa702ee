-- The tools that keep a copy of users, as the tool-sync service lists them (GET /api/tools): every
-- erasure waits for each of them and every export reads each one's copy. A tool is remembered from
-- the first time it is listed; it leaves only when an operator deletes its row (see the README).
-- In the journal, not the event store: a restore of the event store from a backup taken before a
-- tool was added must not let erasures complete without that tool.
CREATE TABLE known_tool (
    tool       VARCHAR(40)              NOT NULL PRIMARY KEY,
    first_seen TIMESTAMP WITH TIME ZONE NOT NULL
);
