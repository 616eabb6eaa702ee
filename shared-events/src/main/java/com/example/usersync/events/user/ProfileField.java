package com.example.usersync.events.user;

/** A field of {@link UserProfile}, used to say which ones a change touched. */
public enum ProfileField {
    EMAIL,
    DISPLAY_NAME,
    LOCALE,
    TIME_ZONE
}
