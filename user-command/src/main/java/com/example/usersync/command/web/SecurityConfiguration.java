package com.example.usersync.command.web;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

import java.util.List;

import static com.example.usersync.command.web.Roles.AUDITOR;
import static com.example.usersync.command.web.Roles.OPERATOR;
import static com.example.usersync.command.web.Roles.TOOL_SERVICE;
import static com.example.usersync.command.web.Roles.USER_ADMIN;

/**
 * Health is open; everything else needs an account (HTTP basic) or, when an issuer is configured
 * ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri}), a JWT whose {@code roles} claim
 * names the roles. Stateless: no session, no CSRF token (no cookies are ever issued).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityConfiguration.Accounts.class)
public class SecurityConfiguration {

    /** Basic-auth accounts; passwords in Spring's {@code {id}hash} format, e.g. {@code {bcrypt}...}. */
    @ConfigurationProperties("user-sync.security")
    public record Accounts(List<Account> accounts) {
        public record Account(String name, String password, List<String> roles) {
        }
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, ObjectProvider<JwtDecoder> jwt) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health/**", "/error").permitAll()
                        .requestMatchers("/actuator/**").hasRole(OPERATOR)
                        .requestMatchers(HttpMethod.GET, "/api/admin/snapshot-runs/**").hasAnyRole(OPERATOR, TOOL_SERVICE)
                        .requestMatchers("/api/admin/**").hasRole(OPERATOR)
                        .requestMatchers(HttpMethod.GET, "/api/users/*/events", "/api/users/*/export").hasRole(AUDITOR)
                        .requestMatchers(HttpMethod.GET, "/api/users", "/api/users/checksums").hasAnyRole(USER_ADMIN, TOOL_SERVICE)
                        .requestMatchers("/api/users", "/api/users/**").hasRole(USER_ADMIN)
                        .requestMatchers(HttpMethod.POST, "/api/erasures/*/confirmations").hasRole(TOOL_SERVICE)
                        .requestMatchers(HttpMethod.GET, "/api/erasures", "/api/erasures/*", "/api/access-log").hasRole(AUDITOR)
                        .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").authenticated()
                        .anyRequest().denyAll())
                .httpBasic(Customizer.withDefaults());
        if (jwt.getIfAvailable() != null) {
            JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
            roles.setAuthoritiesClaimName("roles");
            roles.setAuthorityPrefix("ROLE_");
            JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
            converter.setJwtGrantedAuthoritiesConverter(roles);
            http.oauth2ResourceServer(server -> server.jwt(j -> j.jwtAuthenticationConverter(converter)));
        }
        return http.build();
    }

    /**
     * A plain lookup, deliberately not a password-updating service: Spring would otherwise re-hash
     * every {@code {noop}} password with bcrypt after the first login and run a bcrypt check on
     * every later request (it made the services CPU-bound; see BENCHMARKS.md).
     */
    @Bean
    UserDetailsService accounts(Accounts accounts) {
        InMemoryUserDetailsManager manager = new InMemoryUserDetailsManager(accounts.accounts().stream()
                .map(a -> User.withUsername(a.name()).password(a.password())
                        .roles(a.roles().toArray(String[]::new)).build())
                .toList());
        return manager::loadUserByUsername;
    }
}
