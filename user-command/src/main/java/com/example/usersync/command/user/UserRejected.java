package com.example.usersync.command.user;

import java.util.UUID;

/**
 * A command or query about a user was refused. Carries the reason as data so the web layer maps it
 * once; the message holds ids and versions only, never personal data.
 */
public class UserRejected extends RuntimeException {

    public enum Reason {
        UNKNOWN_USER,
        USER_ERASED,
        EMAIL_TAKEN,
        STALE_VERSION,
        NOT_ERASED,
        UNKNOWN_DELETION,
        UNKNOWN_SNAPSHOT_RUN,
        UNKNOWN_EXPORT
    }

    private final Reason reason;
    private final UUID userId;
    private final Long currentVersion;

    private UserRejected(Reason reason, UUID userId, Long currentVersion, String message) {
        super(message, null, false, false);
        this.reason = reason;
        this.userId = userId;
        this.currentVersion = currentVersion;
    }

    public static UserRejected unknown(UUID userId) {
        return new UserRejected(Reason.UNKNOWN_USER, userId, null, "User " + userId + " does not exist.");
    }

    public static UserRejected erased(UUID userId) {
        return new UserRejected(
                Reason.USER_ERASED, userId, null, "User " + userId + " was deleted and their personal data erased.");
    }

    static UserRejected emailTaken(UUID userId) {
        return new UserRejected(
                Reason.EMAIL_TAKEN, userId, null, "The email address is already in use by another user.");
    }

    static UserRejected staleVersion(UUID userId, long expected, long current) {
        return new UserRejected(
                Reason.STALE_VERSION,
                userId,
                current,
                "User " + userId + " is at version " + current + ", not " + expected + ".");
    }

    public static UserRejected noSnapshotRun() {
        return new UserRejected(Reason.UNKNOWN_SNAPSHOT_RUN, null, null, "No such snapshot run.");
    }

    public static UserRejected noExport() {
        return new UserRejected(Reason.UNKNOWN_EXPORT, null, null, "No such export, or it expired.");
    }

    public static UserRejected notErasedYet(UUID userId) {
        return new UserRejected(Reason.UNKNOWN_USER, userId, null, "No erasure was requested for user " + userId + ".");
    }

    static UserRejected notErased(UUID userId) {
        return new UserRejected(
                Reason.NOT_ERASED,
                userId,
                null,
                "User " + userId + " has not been deleted; there is nothing to confirm.");
    }

    static UserRejected unknownDeletion(UUID userId) {
        return new UserRejected(
                Reason.UNKNOWN_DELETION,
                userId,
                null,
                "The confirmation names a deletion event that is not user " + userId + "'s deletion.");
    }

    public Reason reason() {
        return reason;
    }

    public UUID userId() {
        return userId;
    }

    public Long currentVersion() {
        return currentVersion;
    }
}
