package com.example.usersync.events.user;

import com.example.usersync.events.privacy.DataSubject;
import org.axonframework.serialization.Revision;

import java.util.UUID;

/**
 * The user's full current state, restated by a snapshot run (not a change). A tool rebuilding from
 * the run's start position gets one for every live user, then the changes after it, instead of
 * the whole history.
 *
 * @param runId the snapshot run that restated it
 */
@Revision("1")
public record UserStateSnapshotted(@DataSubject UUID userId, UUID runId, UserProfile profile, UserAccess access) {}
