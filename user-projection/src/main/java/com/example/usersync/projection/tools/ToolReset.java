package com.example.usersync.projection.tools;

import java.time.Instant;

/**
 * Why a tool's processor was reset, handed to its reset handler.
 *
 * @param from null to rebuild from the first event; otherwise the point in time replay starts at
 */
public record ToolReset(Instant from) {}
