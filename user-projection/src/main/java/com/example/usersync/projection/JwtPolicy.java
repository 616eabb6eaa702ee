package com.example.usersync.projection;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * How bearer tokens are believed (as in the user service). Spring checks the signature, the issuer
 * and {@code exp}/{@code nbf} when present; this adds the audience and a required {@code exp}, and
 * takes roles only from a namespaced claim.
 *
 * @param audience   the audience tokens for this service carry; required when an issuer is configured
 * @param rolesClaim the claim listing the caller's roles
 */
@ConfigurationProperties("user-sync.security.jwt")
record JwtPolicy(String audience, @DefaultValue("https://user-sync/roles") String rolesClaim) {

    static final String ISSUER_URI = "spring.security.oauth2.resourceserver.jwt.issuer-uri";
    static final String JWK_SET_URI = "spring.security.oauth2.resourceserver.jwt.jwk-set-uri";

    /** Refuses to start with an issuer but without an audience: any token of that issuer would do. */
    void requireAudienceWithIssuer(Environment environment) {
        boolean issuer = environment.containsProperty(ISSUER_URI) || environment.containsProperty(JWK_SET_URI);
        if (issuer && (audience == null || audience.isBlank())) {
            throw new IllegalStateException("A JWT issuer is configured (SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI"
                    + " or _JWK_SET_URI) but no audience: set USER_SYNC_SECURITY_JWT_AUDIENCE to the audience (aud) that"
                    + " tokens for this service carry.");
        }
    }

    /** Added by Spring Boot to the issuer's own checks (signature, issuer, timestamps). */
    OAuth2TokenValidator<Jwt> validator() {
        return new DelegatingOAuth2TokenValidator<>(
                new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull),
                new JwtClaimValidator<List<String>>(JwtClaimNames.AUD, aud -> aud != null && aud.contains(audience)));
    }

    JwtAuthenticationConverter converter() {
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName(rolesClaim);
        roles.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(roles);
        return converter;
    }
}
