package com.example.usersync.events.user;

/**
 * The personal profile of a user, as carried in full by profile events.
 *
 * @param email       the login and contact address, unique across users (case-insensitive)
 * @param displayName the name shown to other people
 * @param locale      a BCP 47 language tag, e.g. {@code de-CH}
 * @param timeZone    an IANA time zone id, e.g. {@code Europe/Zurich}
 */
public record UserProfile(
        String email,
        String displayName,
        String locale,
        String timeZone
) {
}
