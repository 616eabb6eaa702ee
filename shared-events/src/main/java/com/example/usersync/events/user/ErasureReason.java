package com.example.usersync.events.user;

/** Why a user's personal data was erased. A closed list, so that no free text (and no personal data) is stored. */
public enum ErasureReason {
    /** The data subject asked for erasure (GDPR Art. 17(1)(b), CCPA deletion request). */
    DATA_SUBJECT_REQUEST,
    /** The account was closed and the data is no longer needed (Art. 17(1)(a)). */
    ACCOUNT_CLOSED,
    /** Consent was withdrawn. */
    CONSENT_WITHDRAWN,
    /** A legal obligation or authority order requires erasure (Art. 17(1)(e)). */
    LEGAL_OBLIGATION,
    /** The data was processed unlawfully (Art. 17(1)(d)). */
    UNLAWFUL_PROCESSING
}
