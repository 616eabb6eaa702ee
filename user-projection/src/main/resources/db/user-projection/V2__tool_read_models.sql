-- One table per tool. Every row carries the user's version (for order-safe, idempotent upserts)
-- and the time of the event that last wrote it (for resets to a point in time).

-- Billing: one account per user, with the address invoices go to.
CREATE TABLE billing_account (
    user_id       UUID                     NOT NULL PRIMARY KEY,
    version       BIGINT                   NOT NULL,
    event_time    TIMESTAMP WITH TIME ZONE NOT NULL,
    plan          VARCHAR(16)              NOT NULL,
    status        VARCHAR(16)              NOT NULL,
    invoice_email VARCHAR(254)             NOT NULL
);

-- Mailing: a contact per user.
CREATE TABLE mailing_contact (
    user_id      UUID                     NOT NULL PRIMARY KEY,
    version      BIGINT                   NOT NULL,
    event_time   TIMESTAMP WITH TIME ZONE NOT NULL,
    email        VARCHAR(254)             NOT NULL,
    display_name VARCHAR(100)             NOT NULL,
    locale       VARCHAR(35)              NOT NULL
);

-- Analytics: pseudonymous dimensions only (data minimisation): no email, no name.
CREATE TABLE analytics_user (
    user_id    UUID                     NOT NULL PRIMARY KEY,
    version    BIGINT                   NOT NULL,
    event_time TIMESTAMP WITH TIME ZONE NOT NULL,
    plan       VARCHAR(16)              NOT NULL,
    language   VARCHAR(8)               NOT NULL,
    tool_count INTEGER                  NOT NULL
);
