package com.example.usersync.command.web;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The caller on whose behalf a command runs, recorded as the {@code actor} of its events: the
 * account name, or a JWT's subject. Both are ids, never a person's name or email.
 */
@Component
public class CurrentActor {

    public String id() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null || !authentication.isAuthenticated() ? "anonymous" : authentication.getName();
    }
}
