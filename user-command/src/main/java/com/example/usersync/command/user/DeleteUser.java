package com.example.usersync.command.user;

import com.example.usersync.events.user.ErasureReason;
import com.example.usersync.events.user.ErasureRequester;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

record DeleteUser(
        @TargetAggregateIdentifier UUID userId,
        Long expectedVersion,
        ErasureReason reason,
        ErasureRequester requestedBy) {}
