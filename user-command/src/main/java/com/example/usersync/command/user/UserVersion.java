package com.example.usersync.command.user;

import java.util.UUID;

/** The answer to a command: which user, at which version now. */
record UserVersion(UUID id, long version) {
}
