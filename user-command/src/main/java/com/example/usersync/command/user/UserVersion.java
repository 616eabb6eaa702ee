package com.example.usersync.command.user;

import io.swagger.v3.oas.annotations.media.Schema;

import java.util.UUID;

/** The answer to a command: which user, at which version now. */
@Schema(description = "Which user, at which version now (also the ETag).")
record UserVersion(
        @Schema(example = "6a0c3a52-3d4e-4f0c-9b7e-0d1f2a3b4c5d")
        UUID id,

        @Schema(example = "3") long version) {}
