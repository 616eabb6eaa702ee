package com.example.usersync.command.web;

import com.example.usersync.events.privacy.ActorPseudonyms;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/**
 * The caller on whose behalf a command runs, recorded as the {@code actor} of its events (kept
 * forever, unencrypted): an account name as it is, a JWT caller as an opaque pseudonym of issuer and
 * subject ({@link ActorPseudonyms}: {@code jwt:} and a keyed hash under a key derived from the master
 * key), the same one the tool-sync service records in its access log.
 */
@Component
public class CurrentActor {

    private final ActorPseudonyms pseudonyms;

    CurrentActor(@Value("${user-sync.master-key}") String masterKey) {
        this.pseudonyms = new ActorPseudonyms(masterKey);
    }

    public String id() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()) {
            return "anonymous";
        }
        if (authentication.getPrincipal() instanceof Jwt jwt) {
            return pseudonymOf(jwt.getIssuer() == null ? "" : jwt.getIssuer().toString(), jwt.getSubject());
        }
        return authentication.getName();
    }

    /** The actor of a JWT caller: stable per issuer and subject, not reversible without the master key. */
    String pseudonymOf(String issuer, String subject) {
        return pseudonyms.ofJwt(issuer, subject);
    }
}
