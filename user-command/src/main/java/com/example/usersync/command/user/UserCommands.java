package com.example.usersync.command.user;

import org.springframework.stereotype.Service;

import java.util.UUID;

/**
 * The user API's commands for other features of this service (the console's user admin): the
 * same validated request records turned into the same commands, sent by the same
 * {@link CommandSender} as the caller of the current request. Refusals are the API's
 * ({@link UserRejected}: email taken, stale version, erased, unknown).
 */
@Service
public class UserCommands {

    private final CommandSender commands;

    UserCommands(CommandSender commands) {
        this.commands = commands;
    }

    /** @return the new user's id (version 0) */
    public UUID register(UserRequests.Registration registration) {
        UUID userId = UUID.randomUUID();
        commands.send(registration.toCommand(userId));
        return userId;
    }

    /** @return the user's version now */
    public long changeProfile(UUID userId, Long expectedVersion, UserRequests.ProfileChange change) {
        return commands.<Long>send(change.toCommand(userId, expectedVersion));
    }

    /** @return the user's version now */
    public long changeAccess(UUID userId, Long expectedVersion, UserRequests.AccessChange change) {
        return commands.<Long>send(change.toCommand(userId, expectedVersion));
    }

    /** @return the user's version now */
    public long delete(UUID userId, Long expectedVersion, UserRequests.Deletion deletion) {
        return commands.<Long>send(deletion.toCommand(userId, expectedVersion));
    }
}
