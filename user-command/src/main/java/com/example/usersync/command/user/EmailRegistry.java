package com.example.usersync.command.user;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** Who holds an email address. Addresses compare case-insensitively, in Unicode NFC. */
interface EmailRegistry {

    /** @param normalizedEmail an address as {@link #normalize} returns it */
    Optional<UUID> holderOf(String normalizedEmail);

    static String normalize(String email) {
        return Normalizer.normalize(email, Normalizer.Form.NFC).trim().toLowerCase(Locale.ROOT);
    }

    default void ensureAvailable(String email, UUID userId) {
        holderOf(normalize(email)).filter(holder -> !holder.equals(userId)).ifPresent(holder -> {
            throw UserRejected.emailTaken(userId);
        });
    }
}
