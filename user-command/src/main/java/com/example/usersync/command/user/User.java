package com.example.usersync.command.user;

import com.example.usersync.events.MetadataKeys;
import com.example.usersync.events.privacy.DataSubject;
import com.example.usersync.events.user.ProfileField;
import com.example.usersync.events.user.UserAccess;
import com.example.usersync.events.user.UserAccessChanged;
import com.example.usersync.events.user.UserDeleted;
import com.example.usersync.events.user.UserErasureConfirmed;
import com.example.usersync.events.user.UserProfile;
import com.example.usersync.events.user.UserProfileChanged;
import com.example.usersync.events.user.UserRegistered;
import com.example.usersync.events.user.UserStateSnapshotted;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A user of the company. Command handlers decide and return the user's new version (the sequence
 * number of its latest event); event sourcing handlers only set state.
 */
@Aggregate(snapshotTriggerDefinition = "userSnapshotTrigger")
@JsonAutoDetect(
        fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
class User {

    @AggregateIdentifier
    @DataSubject
    private UUID userId;

    private long version;
    private UserProfile profile;
    private UserAccess access;
    private boolean erased;
    private String deletionEventId;
    private Set<String> confirmedTools = new HashSet<>();

    @CommandHandler
    User(RegisterUser command, EmailRegistry emails) {
        emails.ensureAvailable(command.profile().email(), command.userId());
        apply(new UserRegistered(command.userId(), command.profile(), command.access()));
    }

    @CommandHandler
    long handle(ChangeProfile command, EmailRegistry emails) {
        ensureChangeable(command.expectedVersion());
        UserProfile changed = command.applyTo(profile);
        List<ProfileField> fields = changedFields(profile, changed);
        if (fields.isEmpty()) {
            return version;
        }
        if (fields.contains(ProfileField.EMAIL)) {
            emails.ensureAvailable(changed.email(), userId);
        }
        apply(new UserProfileChanged(userId, fields, changed, access));
        return version;
    }

    @CommandHandler
    long handle(ChangeAccess command) {
        ensureChangeable(command.expectedVersion());
        if (command.access().equals(access)) {
            return version;
        }
        apply(new UserAccessChanged(userId, profile, command.access()));
        return version;
    }

    @CommandHandler
    long handle(DeleteUser command) {
        ensureChangeable(command.expectedVersion());
        apply(new UserDeleted(userId, command.reason(), command.requestedBy()));
        return version;
    }

    /**
     * A journaled erasure the stream no longer holds: deletes again, whatever the version, with the
     * journaled deletion as the cause. Already erased: nothing to do.
     */
    @CommandHandler
    long handle(ReapplyErasure command) {
        if (!erased) {
            apply(
                    new UserDeleted(userId, command.reason(), command.requestedBy()),
                    MetaData.with(MetadataKeys.CAUSATION_ID, command.journaledDeletionEventId()));
        }
        return version;
    }

    /**
     * Records a tool's erasure receipt, once per tool; a repeated receipt is acknowledged without a
     * new event. Its causation is the deletion event the tool applied.
     */
    @CommandHandler
    long handle(ConfirmErasure command) {
        if (!erased) {
            throw UserRejected.notErased(userId);
        }
        if (!command.deletionEventId().equals(deletionEventId)) {
            throw UserRejected.unknownDeletion(userId);
        }
        if (confirmedTools.contains(command.tool())) {
            return version;
        }
        apply(
                new UserErasureConfirmed(userId, command.tool(), command.erasedAt()),
                MetaData.with(MetadataKeys.CAUSATION_ID, deletionEventId));
        return version;
    }

    /** Restates the full state for a snapshot run; an erased user has nothing to restate. */
    @CommandHandler
    long handle(SnapshotUserState command) {
        if (!erased) {
            apply(new UserStateSnapshotted(userId, command.runId(), profile, access));
        }
        return version;
    }

    private void ensureChangeable(Long expectedVersion) {
        if (erased) {
            throw UserRejected.erased(userId);
        }
        if (expectedVersion != null && expectedVersion != version) {
            throw UserRejected.staleVersion(userId, expectedVersion, version);
        }
    }

    private static List<ProfileField> changedFields(UserProfile before, UserProfile after) {
        List<ProfileField> fields = new ArrayList<>();
        if (!Objects.equals(before.email(), after.email())) {
            fields.add(ProfileField.EMAIL);
        }
        if (!Objects.equals(before.displayName(), after.displayName())) {
            fields.add(ProfileField.DISPLAY_NAME);
        }
        if (!Objects.equals(before.locale(), after.locale())) {
            fields.add(ProfileField.LOCALE);
        }
        if (!Objects.equals(before.timeZone(), after.timeZone())) {
            fields.add(ProfileField.TIME_ZONE);
        }
        return fields;
    }

    @EventSourcingHandler
    void on(UserRegistered event, @SequenceNumber long sequenceNumber) {
        userId = event.userId();
        profile = event.profile();
        access = event.access();
        version = sequenceNumber;
    }

    @EventSourcingHandler
    void on(UserProfileChanged event, @SequenceNumber long sequenceNumber) {
        profile = event.profile();
        version = sequenceNumber;
    }

    @EventSourcingHandler
    void on(UserAccessChanged event, @SequenceNumber long sequenceNumber) {
        access = event.access();
        version = sequenceNumber;
    }

    @EventSourcingHandler
    void on(UserDeleted event, @SequenceNumber long sequenceNumber, @MessageIdentifier String eventId) {
        erased = true;
        deletionEventId = eventId;
        profile = null;
        access = null;
        version = sequenceNumber;
    }

    @EventSourcingHandler
    void on(UserStateSnapshotted event, @SequenceNumber long sequenceNumber) {
        version = sequenceNumber;
    }

    @EventSourcingHandler
    void on(UserErasureConfirmed event, @SequenceNumber long sequenceNumber) {
        confirmedTools.add(event.tool());
        version = sequenceNumber;
    }

    User() {
        // required by Axon
    }
}
