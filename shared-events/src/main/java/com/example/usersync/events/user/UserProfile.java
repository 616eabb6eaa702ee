package com.example.usersync.events.user;

import com.example.usersync.events.privacy.PersonalData;

/**
 * The personal profile of a user, as carried in full by every update event. Email and name are
 * personal data: stored encrypted with the user's key, unreadable once the user is erased.
 *
 * @param email       the login and contact address, unique across users (case-insensitive)
 * @param displayName the name shown to other people
 * @param locale      a BCP 47 language tag, e.g. {@code de-CH}
 * @param timeZone    an IANA time zone id, e.g. {@code Europe/Zurich}
 */
public record UserProfile(
        @PersonalData String email,
        @PersonalData String displayName,
        String locale,
        String timeZone
) {
}
