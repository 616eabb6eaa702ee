package com.example.usersync.projection.tools;

import com.example.usersync.events.user.UserAccess;
import com.example.usersync.events.user.UserProfile;

import java.time.Instant;
import java.util.UUID;

/** A user's full state as of one event: what every tool derives its row from. */
public record UserState(UUID userId, long version, Instant eventTime, UserProfile profile, UserAccess access) {}
