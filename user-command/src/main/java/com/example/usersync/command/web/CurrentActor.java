package com.example.usersync.command.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The caller on whose behalf a command runs, recorded as the {@code actor} of its events. Until
 * authentication is in place this is a fixed, dev-only identity from configuration.
 */
@Component
public class CurrentActor {

    private final String fixedActor;

    CurrentActor(@Value("${user-sync.dev-actor:dev-admin}") String fixedActor) {
        this.fixedActor = fixedActor;
    }

    public String id() {
        return fixedActor;
    }
}
