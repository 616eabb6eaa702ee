package com.example.usersync.command.user;

import com.example.usersync.events.privacy.PersonalDataCipher;
import com.example.usersync.logging.Redacted;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Read access to the users' current state for other features of this service, and the one place
 * with SQL on {@code user_directory} (the projection writes it through {@link DirectoryRepository}).
 */
@Service
public class UserDirectory {

    /** Whether a user exists, and whether their personal data is erased. */
    public enum Presence {
        UNKNOWN,
        ACTIVE,
        ERASED
    }

    /** A row's personal fields as stored: ciphertext, or plaintext written by an older version. */
    record StoredFields(UUID userId, String email, String displayName) {
        /** Personal data redacted: frameworks log bodies, commands and events at DEBUG. */
        @Override
        public String toString() {
            return Redacted.toString(this, "email", "displayName");
        }
    }

    private final DirectoryRepository directory;
    private final PersonalDataCipher cipher;
    private final JdbcClient jdbc;
    private final EmailRegistry emails;

    UserDirectory(DirectoryRepository directory, PersonalDataCipher cipher, JdbcClient jdbc, EmailRegistry emails) {
        this.directory = directory;
        this.cipher = cipher;
        this.jdbc = jdbc;
        this.emails = emails;
    }

    /**
     * The user who holds this email address now: an exact lookup through the email claim (an HMAC of
     * the address), never a listing. Empty when no live user holds it.
     */
    @Transactional(readOnly = true)
    public Optional<UUID> holderOfEmail(String email) {
        return email == null || email.isBlank() ? Optional.empty() : emails.holderOf(EmailRegistry.normalize(email));
    }

    /** The user's current state; empty when unknown or erased. */
    @Transactional(readOnly = true)
    public Optional<UserView> current(UUID userId) {
        return directory
                .findById(userId)
                .flatMap(entry -> entry.profile(cipher).map(profile -> UserView.of(entry, profile)));
    }

    @Transactional(readOnly = true)
    public Presence presence(UUID userId) {
        return directory
                .findById(userId)
                .map(entry -> entry.erased() ? Presence.ERASED : Presence.ACTIVE)
                .orElse(Presence.UNKNOWN);
    }

    /** A page of the users that are not erased, in id order after {@code after}. */
    public List<UUID> activeUserIds(UUID after, int limit) {
        return jdbc.sql(
                        "SELECT user_id FROM user_directory WHERE status = 'ACTIVE' AND user_id > ? ORDER BY user_id LIMIT "
                                + limit)
                .param(after)
                .query(UUID.class)
                .list();
    }

    /** Those of {@code userIds} whose personal data is erased. */
    public Set<UUID> erasedAmong(Collection<UUID> userIds) {
        if (userIds.isEmpty()) {
            return Set.of();
        }
        return jdbc.sql("SELECT user_id FROM user_directory WHERE status = 'ERASED' AND user_id IN (:ids)")
                .param("ids", userIds)
                .query(UUID.class)
                .set();
    }

    /** Rows whose email or name an older version wrote in plaintext. */
    List<StoredFields> withPlaintext() {
        return jdbc.sql("""
                        SELECT user_id, email, display_name FROM user_directory
                        WHERE (email IS NOT NULL AND email NOT LIKE 'pd:v1:%')
                           OR (display_name IS NOT NULL AND display_name NOT LIKE 'pd:v1:%')""").query(StoredFields.class).list();
    }

    void storeFields(StoredFields fields) {
        jdbc.sql("UPDATE user_directory SET email = ?, display_name = ? WHERE user_id = ?")
                .params(fields.email(), fields.displayName(), fields.userId())
                .update();
    }
}
