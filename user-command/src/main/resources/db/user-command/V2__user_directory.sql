-- The command side's own views, updated in the same transaction as the events they follow.

-- Current state per user: read-your-writes for GET and the source for bulk reads.
CREATE TABLE user_directory (
    user_id       UUID                     NOT NULL PRIMARY KEY,
    status        VARCHAR(16)              NOT NULL,
    version       BIGINT                   NOT NULL,
    email         VARCHAR(254),
    display_name  VARCHAR(100),
    locale        VARCHAR(35),
    time_zone     VARCHAR(64),
    plan          VARCHAR(16),
    tools         VARCHAR(2100),
    registered_at TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Email uniqueness (case-insensitive): the unique key is the backstop for concurrent registrations.
CREATE TABLE user_email (
    user_id   UUID         NOT NULL PRIMARY KEY,
    email_key VARCHAR(254) NOT NULL,
    CONSTRAINT uk_user_email_key UNIQUE (email_key)
);
