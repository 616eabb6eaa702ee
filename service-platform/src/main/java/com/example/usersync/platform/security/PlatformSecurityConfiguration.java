package com.example.usersync.platform.security;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

import java.util.ArrayList;
import java.util.List;

/**
 * Both services' security chain; each service contributes only its {@link AccessRules}. Everything
 * needs an account (HTTP basic) or, when an issuer is configured
 * ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri}), a JWT for this service's audience
 * whose roles claim names the roles ({@link JwtPolicy}). With an issuer, basic auth is off except for
 * the service accounts named in {@code user-sync.security.basic.allowed-accounts}. Stateless: no
 * session and no cookies, so no CSRF token; instead {@link CrossSiteRequestFilter} refuses
 * state-changing requests a browser could forge, and {@link LoginThrottleFilter} refuses logins for
 * accounts and addresses with too many failures.
 * <p>
 * A tool's own account (or a JWT with the tool claim, {@code user-sync.security.jwt.tool-claim})
 * also carries the tool it is, as a {@link CallerTool} authority.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({Accounts.class, BasicAuth.class, JwtPolicy.class, LoginThrottle.Limits.class})
public class PlatformSecurityConfiguration {

    @Bean
    SecurityFilterChain api(
            HttpSecurity http,
            ObjectProvider<JwtDecoder> jwt,
            ObjectProvider<JwtAuthenticationConverter> roles,
            JwtPolicy jwtPolicy,
            BasicAuth basic,
            LoginThrottle throttle,
            AccessRules rules)
            throws Exception {
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new CrossSiteRequestFilter(), BasicAuthenticationFilter.class)
                .addFilterBefore(new LoginThrottleFilter(throttle), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(rules::applyTo);
        if (jwt.getIfAvailable() == null || !basic.allowedAccounts().isEmpty()) {
            http.httpBasic(Customizer.withDefaults());
        }
        if (jwt.getIfAvailable() != null) {
            // Spring Boot builds the roles converter from
            // spring.security.oauth2.resourceserver.jwt.authorities-claim-name.
            JwtAuthenticationConverter byRoles = roles.getIfAvailable(JwtAuthenticationConverter::new);
            http.oauth2ResourceServer(server -> {
                server.jwt(j -> j.jwtAuthenticationConverter(jwtPolicy.withTool(byRoles)));
                BearerTokenProblems.applyTo(server);
            });
        }
        return http.build();
    }

    /** Used by Spring Security for the accounts' passwords (its default, plus a memory of successes). */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new VerifiedPasswords();
    }

    @Bean
    LoginThrottle loginThrottle(LoginThrottle.Limits limits) {
        return new LoginThrottle(limits);
    }

    /** Spring Boot adds it to the checks of the decoder it builds for the configured issuer. */
    @Bean
    OAuth2TokenValidator<Jwt> audienceAndExpiryRequired(JwtPolicy jwtPolicy, Environment environment) {
        jwtPolicy.requireAudienceWithIssuer(environment);
        return jwtPolicy.validator();
    }

    /**
     * A plain lookup, deliberately not a password-updating service: Spring would otherwise re-hash
     * every {@code {noop}} password with bcrypt after the first login and run a bcrypt check on
     * every later request (it made the services CPU-bound; see BENCHMARKS.md).
     */
    @Bean
    UserDetailsService accounts(Accounts accounts, BasicAuth basic, ObjectProvider<JwtDecoder> jwt) {
        boolean tokensOnly = jwt.getIfAvailable() != null;
        InMemoryUserDetailsManager manager = new InMemoryUserDetailsManager(accounts.accounts().stream()
                .filter(a -> !tokensOnly || basic.allowedAccounts().contains(a.name()))
                .map(a -> User.withUsername(a.name())
                        .password(a.password())
                        .authorities(authorities(a))
                        .build())
                .toList());
        return manager::loadUserByUsername;
    }

    static List<GrantedAuthority> authorities(Accounts.Account account) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        account.roles().forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
        if (account.tool() != null && !account.tool().isBlank()) {
            authorities.add(CallerTool.authority(account.tool()));
        }
        return authorities;
    }
}
