package com.example.usersync.command.user;

import com.example.usersync.events.user.UserAccess;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

record ChangeAccess(@TargetAggregateIdentifier UUID userId, Long expectedVersion, UserAccess access) {}
