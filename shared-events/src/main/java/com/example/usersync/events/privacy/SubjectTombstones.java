package com.example.usersync.events.privacy;

/**
 * Tombstones of destroyed subject keys kept outside the event store's database (the user service's
 * erasure journal), so that restoring that database from a backup cannot bring a destroyed key back.
 */
public interface SubjectTombstones {

    /** For readers that only trust the event store's own tombstones (the projection service). */
    SubjectTombstones NONE = new SubjectTombstones() {
        @Override
        public boolean isTombstoned(String subject) {
            return false;
        }

        @Override
        public void tombstone(String subject) {}
    };

    boolean isTombstoned(String subject);

    /** Records the subject's key as destroyed, durably, before the key itself goes. Idempotent. */
    void tombstone(String subject);
}
