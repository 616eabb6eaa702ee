package com.example.usersync.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.env.Environment;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * How bearer tokens are believed. Spring checks the signature, the issuer and {@code exp}/{@code nbf}
 * when present; this adds what a resource server must also check: the token is meant for this
 * service ({@code aud}) and it expires ({@code exp} present). Roles come from the namespaced claim
 * each service names in Spring Boot's own {@code spring.security.oauth2.resourceserver.jwt.authorities-claim-name}
 * (with {@code authority-prefix: ROLE_}), so a generic {@code roles} claim another application put in
 * the token grants nothing here.
 *
 * @param audience  the audience tokens for this service carry; required when an issuer is configured
 * @param toolClaim the claim naming the tool a token belongs to (a tool's erasure receipts need it)
 */
@ConfigurationProperties("user-sync.security.jwt")
public record JwtPolicy(
        String audience, @DefaultValue("tool") String toolClaim) {

    static final String ISSUER_URI = "spring.security.oauth2.resourceserver.jwt.issuer-uri";
    static final String JWK_SET_URI = "spring.security.oauth2.resourceserver.jwt.jwk-set-uri";

    /** Refuses to start with an issuer but without an audience: any token of that issuer would do. */
    public void requireAudienceWithIssuer(Environment environment) {
        boolean issuer = environment.containsProperty(ISSUER_URI) || environment.containsProperty(JWK_SET_URI);
        if (issuer && (audience == null || audience.isBlank())) {
            throw new IllegalStateException(
                    "A JWT issuer is configured (SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI"
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

    /** Boot's converter (roles from the configured claim), plus the tool the token belongs to, if it names one. */
    Converter<Jwt, AbstractAuthenticationToken> withTool(JwtAuthenticationConverter roles) {
        return token -> {
            AbstractAuthenticationToken authenticated = roles.convert(token);
            String tool = token.getClaimAsString(toolClaim);
            if (authenticated == null || tool == null || tool.isBlank()) {
                return authenticated;
            }
            Collection<GrantedAuthority> authorities = new ArrayList<>(authenticated.getAuthorities());
            authorities.add(CallerTool.authority(tool));
            return new JwtAuthenticationToken(token, authorities, authenticated.getName());
        };
    }
}
