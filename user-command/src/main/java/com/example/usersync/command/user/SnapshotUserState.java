package com.example.usersync.command.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

public record SnapshotUserState(@TargetAggregateIdentifier UUID userId, UUID runId) {}
