package com.example.usersync.command.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.UUID;

public record ConfirmErasure(
        @TargetAggregateIdentifier UUID userId,
        String tool,
        String deletionEventId,
        Instant erasedAt
) {
}
