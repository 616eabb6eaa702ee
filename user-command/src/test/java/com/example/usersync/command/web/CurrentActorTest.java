package com.example.usersync.command.web;

import com.example.usersync.platform.security.CurrentActor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.time.Instant;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class CurrentActorTest {

    static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    static final String OTHER_KEY = Base64.getEncoder().encodeToString("another master key of 32 bytes!!".getBytes());

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aJwtCallerIsAStablePseudonymOfIssuerAndSubjectUnderTheMasterKey() {
        CurrentActor actor = new CurrentActor(KEY);
        authenticate(jwt("https://idp.example/", "jane.doe@corp.example"));

        String id = actor.id();

        assertThat(id).matches("jwt:[A-Za-z0-9_-]{22}").doesNotContain("jane").doesNotContain("corp");
        assertThat(actor.id()).isEqualTo(id);
        assertThat(actor.pseudonymOf("https://idp.example/", "jane.doe@corp.example"))
                .isEqualTo(id);
        assertThat(actor.pseudonymOf("https://other-idp.example/", "jane.doe@corp.example"))
                .isNotEqualTo(id);
        assertThat(actor.pseudonymOf("https://idp.example/", "john.doe@corp.example"))
                .isNotEqualTo(id);
        assertThat(new CurrentActor(OTHER_KEY).pseudonymOf("https://idp.example/", "jane.doe@corp.example"))
                .isNotEqualTo(id);
    }

    @Test
    void anAccountIsItsNameAndNobodyIsAnonymous() {
        CurrentActor actor = new CurrentActor(KEY);
        assertThat(actor.id()).isEqualTo("anonymous");
        authenticate(UsernamePasswordAuthenticationToken.authenticated("admin", null, AuthorityUtils.NO_AUTHORITIES));
        assertThat(actor.id()).isEqualTo("admin");
    }

    private static void authenticate(org.springframework.security.core.Authentication authentication) {
        SecurityContextHolder.getContext().setAuthentication(authentication);
    }

    private static JwtAuthenticationToken jwt(String issuer, String subject) {
        Jwt jwt = Jwt.withTokenValue("t")
                .header("alg", "RS256")
                .issuer(issuer)
                .subject(subject)
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(60))
                .build();
        return new JwtAuthenticationToken(jwt, AuthorityUtils.NO_AUTHORITIES);
    }
}
