package com.example.usersync.command.user;

import com.example.usersync.events.user.UserAccess;
import com.example.usersync.events.user.UserProfile;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

record RegisterUser(@TargetAggregateIdentifier UUID userId, UserProfile profile, UserAccess access) {}
