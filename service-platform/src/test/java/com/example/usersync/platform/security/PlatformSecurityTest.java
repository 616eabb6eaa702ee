package com.example.usersync.platform.security;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PlatformSecurityTest {

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void accountsBindFromPropertiesWithTheirRolesAndTool() {
        Binder binder = new Binder(new MapConfigurationPropertySource(Map.of(
                "user-sync.security.accounts[0].name", "tool-billing",
                "user-sync.security.accounts[0].password", "{noop}secret",
                "user-sync.security.accounts[0].roles[0]", "TOOL_SERVICE",
                "user-sync.security.accounts[0].tool", "billing",
                "user-sync.security.accounts[1].name", "auditor",
                "user-sync.security.accounts[1].password", "{noop}other",
                "user-sync.security.accounts[1].roles", "AUDITOR")));

        Accounts accounts =
                binder.bind("user-sync.security", Bindable.of(Accounts.class)).get();

        assertThat(accounts.accounts()).extracting(Accounts.Account::name).containsExactly("tool-billing", "auditor");
        assertThat(names(PlatformSecurityConfiguration.authorities(
                        accounts.accounts().get(0))))
                .containsExactly("ROLE_TOOL_SERVICE", "TOOL:billing");
        assertThat(names(PlatformSecurityConfiguration.authorities(
                        accounts.accounts().get(1))))
                .containsExactly("ROLE_AUDITOR");
        assertThat(accounts.accounts().get(0).toString()).doesNotContain("secret");
    }

    @Test
    void noAccountsBindToAnEmptyList() {
        Accounts accounts = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("user-sync.security", Bindable.of(Accounts.class));
        assertThat(accounts.accounts()).isEmpty();
    }

    /** What Spring Boot builds from authorities-claim-name and authority-prefix, plus our tool claim. */
    @Test
    void jwtRolesComeOnlyFromTheNamespacedClaimAndTheToolFromItsClaim() {
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName("https://user-sync/roles");
        roles.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter boot = new JwtAuthenticationConverter();
        boot.setJwtGrantedAuthoritiesConverter(roles);
        var converter = new JwtPolicy("user-sync", "tool").withTool(boot);

        AbstractAuthenticationToken tool = converter.convert(jwt(Map.of(
                "https://user-sync/roles", List.of("TOOL_SERVICE"), "roles", List.of("OPERATOR"), "tool", "mailing")));
        AbstractAuthenticationToken plain =
                converter.convert(jwt(Map.of("https://user-sync/roles", List.of("AUDITOR"))));

        assertThat(names(tool.getAuthorities())).containsExactlyInAnyOrder("ROLE_TOOL_SERVICE", "TOOL:mailing");
        assertThat(tool.getName()).isEqualTo("subject-1");
        assertThat(names(plain.getAuthorities())).containsExactly("ROLE_AUDITOR");
        SecurityContextHolder.getContext().setAuthentication(tool);
        assertThat(CallerTool.current()).contains("mailing");
    }

    private static Jwt jwt(Map<String, Object> claims) {
        Jwt.Builder builder = Jwt.withTokenValue("t")
                .header("alg", "RS256")
                .subject("subject-1")
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(60));
        claims.forEach(builder::claim);
        return builder.build();
    }

    private static List<String> names(java.util.Collection<? extends GrantedAuthority> authorities) {
        return authorities.stream().map(GrantedAuthority::getAuthority).toList();
    }
}
