package com.example.usersync.command.user;

import com.example.usersync.command.eventstore.AggregateSnapshots;
import com.example.usersync.events.privacy.PersonalDataCipher;
import com.example.usersync.events.privacy.SubjectKeys;
import com.example.usersync.events.user.UserAccessChanged;
import com.example.usersync.events.user.UserDeleted;
import com.example.usersync.events.user.UserProfileChanged;
import com.example.usersync.events.user.UserRegistered;
import com.example.usersync.events.user.UserStateSnapshotted;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.UUID;

/**
 * Keeps the directory and the email claims in step with the events. Runs in a subscribing processor,
 * inside the transaction that appends the events: a GET right after a command sees it, and a
 * duplicate email found by the unique key rolls the whole command back.
 */
@Component
@ProcessingGroup(DirectoryProjection.GROUP)
class DirectoryProjection {

    static final String GROUP = "user-directory";

    private final DirectoryRepository directory;
    private final EmailClaimRepository emails;
    private final SubjectKeys keys;
    private final AggregateSnapshots snapshots;
    private final PersonalDataCipher cipher;
    private final EmailLookup lookup;

    DirectoryProjection(
            DirectoryRepository directory,
            EmailClaimRepository emails,
            SubjectKeys keys,
            AggregateSnapshots snapshots,
            PersonalDataCipher cipher,
            EmailLookup lookup) {
        this.directory = directory;
        this.emails = emails;
        this.keys = keys;
        this.snapshots = snapshots;
        this.cipher = cipher;
        this.lookup = lookup;
    }

    @EventHandler
    void on(UserRegistered event, @SequenceNumber long version, @Timestamp Instant at) {
        // A new user: nothing to look up, the claim is a new row (the unique email key refuses a taken address).
        claim(new EmailClaim(event.userId(), lookup.keyOf(event.profile().email())));
        DirectoryEntry entry = new DirectoryEntry(event.userId(), at);
        entry.profile(event.profile(), cipher);
        entry.access(event.access());
        entry.touched(version, at);
        directory.save(entry);
    }

    @EventHandler
    void on(UserProfileChanged event, @SequenceNumber long version, @Timestamp Instant at) {
        claimEmail(event.userId(), event.profile().email());
        DirectoryEntry entry = entry(event.userId());
        entry.profile(event.profile(), cipher);
        entry.touched(version, at);
    }

    @EventHandler
    void on(UserAccessChanged event, @SequenceNumber long version, @Timestamp Instant at) {
        DirectoryEntry entry = entry(event.userId());
        entry.access(event.access());
        entry.touched(version, at);
    }

    /** Not a change, but the user's version moves on: ETags must keep matching the aggregate. */
    @EventHandler
    void on(UserStateSnapshotted event, @SequenceNumber long version, @Timestamp Instant at) {
        entry(event.userId()).touched(version, at);
    }

    /**
     * Crypto-shredding: the user's key goes in the same transaction as the deletion event, after its
     * tombstone is committed to the erasure journal (outside the event store's backups).
     */
    @EventHandler
    void on(UserDeleted event, @SequenceNumber long version, @Timestamp Instant at) {
        keys.destroy(event.userId().toString());
        // Older snapshots hold the (now unreadable) profile; drop them rather than keep ciphertext around.
        snapshots.purge(event.userId().toString());
        emails.deleteById(event.userId());
        DirectoryEntry entry = entry(event.userId());
        entry.erase();
        entry.touched(version, at);
    }

    private DirectoryEntry entry(UUID userId) {
        return directory.findById(userId).orElseThrow(() -> UserRejected.unknown(userId));
    }

    private void claimEmail(UUID userId, String email) {
        String key = lookup.keyOf(email);
        EmailClaim claim = emails.findById(userId).orElseGet(() -> new EmailClaim(userId, key));
        claim.emailKey(key);
        claim(claim);
    }

    private void claim(EmailClaim claim) {
        try {
            emails.saveAndFlush(claim);
        } catch (DataIntegrityViolationException concurrentClaim) {
            throw UserRejected.emailTaken(claim.userId());
        }
    }
}
