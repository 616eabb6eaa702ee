package com.example.usersync.command.user;

import com.example.usersync.events.privacy.PersonalDataCipher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.Optional;
import java.util.UUID;

/** Read access to the users' current state for other features of this service. */
@Service
public class UserDirectory {

    /** Whether a user exists, and whether their personal data is erased. */
    public enum Presence { UNKNOWN, ACTIVE, ERASED }

    private final DirectoryRepository directory;
    private final PersonalDataCipher cipher;

    UserDirectory(DirectoryRepository directory, PersonalDataCipher cipher) {
        this.directory = directory;
        this.cipher = cipher;
    }

    /** The user's current state; empty when unknown or erased. */
    @Transactional(readOnly = true)
    public Optional<UserView> current(UUID userId) {
        return directory.findById(userId).flatMap(entry -> entry.profile(cipher).map(profile -> UserView.of(entry, profile)));
    }

    @Transactional(readOnly = true)
    public Presence presence(UUID userId) {
        return directory.findById(userId).map(entry -> entry.erased() ? Presence.ERASED : Presence.ACTIVE).orElse(Presence.UNKNOWN);
    }
}
