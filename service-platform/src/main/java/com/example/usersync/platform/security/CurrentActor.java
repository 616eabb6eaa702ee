package com.example.usersync.platform.security;

import com.example.usersync.events.privacy.ActorPseudonyms;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The caller as both services record it (the {@code actor} of events, kept forever and unencrypted;
 * access logs; runs): an account name as it is, a JWT caller as an opaque pseudonym of issuer and
 * subject ({@link ActorPseudonyms}: {@code jwt:} and a keyed hash under a key derived from the master
 * key), never the token's subject, which may be a person's email or name. Both services derive the
 * same pseudonym for the same caller.
 */
public class CurrentActor {

    private final ActorPseudonyms pseudonyms;

    public CurrentActor(String masterKey) {
        this.pseudonyms = new ActorPseudonyms(masterKey);
    }

    /** The caller of the current request. */
    public String id() {
        return idOf(SecurityContextHolder.getContext().getAuthentication());
    }

    public String idOf(Authentication caller) {
        if (caller == null || !caller.isAuthenticated()) {
            return "anonymous";
        }
        if (caller.getPrincipal() instanceof Jwt jwt) {
            return pseudonymOf(jwt.getIssuer() == null ? "" : jwt.getIssuer().toString(), jwt.getSubject());
        }
        return caller.getName();
    }

    /** The actor of a JWT caller: stable per issuer and subject, not reversible without the master key. */
    public String pseudonymOf(String issuer, String subject) {
        return pseudonyms.ofJwt(issuer, subject);
    }
}
