package com.example.usersync.projection;

import com.example.usersync.events.privacy.ActorPseudonyms;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/**
 * The caller as this service records it (access log, reconciliation runs): an account name as it
 * is, a JWT caller as the same opaque pseudonym the user service records ({@link ActorPseudonyms}),
 * never the token's subject, which may be a person's email or name.
 */
@Component
@EnableConfigurationProperties(MasterKeySettings.class)
public class CurrentActor {

    private final ActorPseudonyms pseudonyms;

    CurrentActor(MasterKeySettings settings) {
        this.pseudonyms = new ActorPseudonyms(settings.masterKey());
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
            return pseudonyms.ofJwt(jwt.getIssuer() == null ? "" : jwt.getIssuer().toString(), jwt.getSubject());
        }
        return caller.getName();
    }
}
