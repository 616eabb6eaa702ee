package com.example.usersync.events.user;

import com.example.usersync.events.privacy.PersonalData;
import com.example.usersync.logging.Redacted;
import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The personal profile of a user, as carried in full by every update event. Email and name are
 * personal data: stored encrypted with the user's key, unreadable once the user is erased, when
 * both read as {@code null}.
 *
 * @param email       the login and contact address, unique across users (case-insensitive)
 * @param displayName the name shown to other people
 * @param locale      a BCP 47 language tag, e.g. {@code de-CH}
 * @param timeZone    an IANA time zone id, e.g. {@code Europe/Zurich}
 */
public record UserProfile(
        @PersonalData String email, @PersonalData String displayName, String locale, String timeZone) {

    /**
     * Whether this profile was read after its user's erasure (the user's key destroyed). Every live
     * user has an email (registration requires one, a change can only replace it), so a missing email
     * means the personal data is gone; the erasure marker is out of band, never a value a user can
     * type. Not part of the stored or published form.
     */
    @JsonIgnore
    public boolean erased() {
        return email == null;
    }

    /** Personal data redacted: frameworks log bodies, commands and events at DEBUG. */
    @Override
    public String toString() {
        return Redacted.toString(this, "email", "displayName");
    }
}
