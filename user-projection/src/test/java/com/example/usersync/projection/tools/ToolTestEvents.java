package com.example.usersync.projection.tools;

import com.example.usersync.events.user.UserAccessChanged;
import com.example.usersync.events.user.UserDeleted;
import com.example.usersync.events.user.UserProfileChanged;
import com.example.usersync.events.user.UserRegistered;
import com.example.usersync.events.user.UserStateSnapshotted;

import java.time.Instant;

/** Hands events to a tool's handlers as its processor would: the aggregate sequence number is the version. */
public final class ToolTestEvents {

    public static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    private ToolTestEvents() {}

    /** Applies a user event at this version, stamped {@link #AT} plus {@code version} seconds. */
    public static void apply(ToolProjection<?> tool, Object event, long version) {
        Instant at = AT.plusSeconds(version);
        if (event instanceof UserRegistered e) {
            tool.on(e, version, at);
        } else if (event instanceof UserProfileChanged e) {
            tool.on(e, version, at);
        } else if (event instanceof UserAccessChanged e) {
            tool.on(e, version, at);
        } else if (event instanceof UserStateSnapshotted e) {
            tool.on(e, version, at);
        } else {
            throw new IllegalArgumentException("Not a user event: " + event.getClass());
        }
    }

    public static void delete(ToolProjection<?> tool, UserDeleted event, String eventId) {
        tool.on(event, eventId);
    }

    public static void reset(ToolProjection<?> tool, Instant from) {
        tool.onReset(new ToolReset(from));
    }
}
