package com.example.usersync.command.user;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** Who holds an email address. Addresses compare case-insensitively. */
interface EmailRegistry {

    Optional<UUID> holderOf(String emailKey);

    static String keyOf(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    default void ensureAvailable(String email, UUID userId) {
        holderOf(keyOf(email))
                .filter(holder -> !holder.equals(userId))
                .ifPresent(holder -> {
                    throw UserRejected.emailTaken(userId);
                });
    }
}
