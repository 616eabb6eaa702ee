-- Crypto-shredding: one data key per user, wrapped with the master key. Destroying a user's key
-- nulls wrapped_key and keeps the row as a tombstone, so no late event can create a new key.
CREATE TABLE subject_key (
    subject_id   VARCHAR(36)              NOT NULL PRIMARY KEY,
    wrapped_key  BYTEA,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    destroyed_at TIMESTAMP WITH TIME ZONE
);
