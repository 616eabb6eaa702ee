package com.example.usersync.platform.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.Optional;

/**
 * The tool the caller is, if it is one: from its account's {@code tool} field or its JWT's tool
 * claim, never from the request body. A receipt is only believed from the tool it names. Read from
 * the request's security context, like every authorization decision.
 */
public final class CallerTool {

    private static final String PREFIX = "TOOL:";

    private CallerTool() {}

    static GrantedAuthority authority(String tool) {
        return new SimpleGrantedAuthority(PREFIX + tool);
    }

    /** The current caller's tool; empty for accounts and tokens that are no tool. */
    public static Optional<String> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()) {
            return Optional.empty();
        }
        return authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(authority -> authority.startsWith(PREFIX))
                .map(authority -> authority.substring(PREFIX.length()))
                .findFirst();
    }
}
