-- The system tests' fourth tool (CrmProjection): a customer per user entitled to crm.
CREATE TABLE crm_customer (
    user_id      UUID                     NOT NULL PRIMARY KEY,
    version      BIGINT                   NOT NULL,
    event_time   TIMESTAMP WITH TIME ZONE NOT NULL,
    row_hash     VARCHAR(64),
    display_name VARCHAR(100)             NOT NULL,
    plan         VARCHAR(16)              NOT NULL
);
