package com.example.usersync.events.user;

/** Who requested an erasure, as a role rather than a person, so the record holds no personal data. */
public enum ErasureRequester {
    DATA_SUBJECT,
    CUSTOMER_SUPPORT,
    PRIVACY_OFFICE,
    LEGAL_AUTHORITY,
    AUTOMATED_RETENTION
}
