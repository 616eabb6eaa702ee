package com.example.usersync.command.user;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.Optional;
import java.util.UUID;

/** Read access to the users' current state for other features of this service. */
@Service
public class UserDirectory {

    private final DirectoryRepository directory;

    UserDirectory(DirectoryRepository directory) {
        this.directory = directory;
    }

    /** The user's current state; empty when unknown or erased. */
    @Transactional(readOnly = true)
    public Optional<UserView> current(UUID userId) {
        return directory.findById(userId).filter(entry -> !entry.erased()).map(UserView::of);
    }
}
