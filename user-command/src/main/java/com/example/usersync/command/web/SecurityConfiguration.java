package com.example.usersync.command.web;

import com.example.usersync.platform.security.AccessRules;
import com.example.usersync.platform.security.BearerTokenProblems;
import com.example.usersync.platform.security.CrossSiteRequestFilter;
import com.example.usersync.platform.security.LoginThrottle;
import com.example.usersync.platform.security.LoginThrottleFilter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

import java.util.ArrayList;
import java.util.List;

import static com.example.usersync.command.web.Roles.AUDITOR;
import static com.example.usersync.command.web.Roles.OPERATOR;
import static com.example.usersync.command.web.Roles.TOOL_SERVICE;
import static com.example.usersync.command.web.Roles.USER_ADMIN;

/**
 * Health is open; everything else needs an account (HTTP basic) or, when an issuer is configured
 * ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri}), a JWT for this service's audience
 * whose roles claim ({@link JwtPolicy}) names the roles. With an issuer, basic auth is off except for
 * the service accounts named in {@code user-sync.security.basic.allowed-accounts}. Stateless: no
 * session and no cookies, so no CSRF token; instead {@link CrossSiteRequestFilter} refuses
 * state-changing requests a browser could forge, and {@link LoginThrottleFilter} refuses logins for
 * accounts and addresses with too many failures.
 * <p>
 * A tool's own account (or a JWT with the tool claim, {@code user-sync.security.jwt.tool-claim})
 * also carries the tool it is, as a {@link CallerTool} authority: only that identity may deliver
 * the tool's erasure receipts, so one tool cannot confirm another's erasure.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SecurityConfiguration.Accounts.class, SecurityConfiguration.BasicAuth.class,
        JwtPolicy.class, LoginThrottle.Limits.class})
public class SecurityConfiguration {

    /**
     * Basic-auth accounts; passwords in Spring's {@code {id}hash} format, e.g. {@code {bcrypt}...}.
     * {@code tool} (optional) names the tool an account belongs to: it may confirm that tool's erasures.
     */
    @ConfigurationProperties("user-sync.security")
    public record Accounts(List<Account> accounts) {
        /** None when JWTs alone are used (outside dev there is no default list). */
        public Accounts {
            accounts = accounts == null ? List.of() : accounts;
        }

        public record Account(String name, String password, List<String> roles, String tool) {
            /** Without the password hash (frameworks log bound properties at DEBUG). */
            @Override
            public String toString() {
                return "Account[name=" + name + ", password=" + (password == null ? null : "[redacted]") + ", roles=" + roles + ", tool=" + tool + "]";
            }
        }
    }

    /**
     * With a JWT issuer, basic auth is refused except for these accounts (service accounts of the
     * other service and the tools, which have no token); without an issuer, every account may log in.
     */
    @ConfigurationProperties("user-sync.security.basic")
    public record BasicAuth(@DefaultValue List<String> allowedAccounts) {
    }

    /** Who may call what; the API document names each operation's roles from these rules. */
    @Bean
    static AccessRules accessRules() {
        return new AccessRules()
                .open("/actuator/health/**", "/error", "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui/**", "/swagger-ui.html")
                .allow(List.of("/actuator/**"), OPERATOR)
                .allow(HttpMethod.GET, List.of("/api/admin/snapshot-runs/**"), OPERATOR, TOOL_SERVICE)
                .allow(List.of("/api/admin/**"), OPERATOR)
                .allow(HttpMethod.GET, List.of("/api/users/*/events", "/api/users/*/export"), AUDITOR)
                .allow(HttpMethod.POST, List.of("/api/users/*/exports"), AUDITOR)
                .allow(HttpMethod.GET, List.of("/api/exports/*"), AUDITOR)
                .allow(HttpMethod.GET, List.of("/api/users", "/api/users/checksums"), USER_ADMIN, TOOL_SERVICE)
                .allow(List.of("/api/users", "/api/users/**"), USER_ADMIN)
                .allow(HttpMethod.POST, List.of("/api/erasures/*/confirmations"), TOOL_SERVICE)
                .allow(HttpMethod.GET, List.of("/api/erasures", "/api/erasures/*", "/api/access-log"), AUDITOR);
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, ObjectProvider<JwtDecoder> jwt, JwtPolicy jwtPolicy, BasicAuth basic,
                            LoginThrottle throttle, AccessRules rules) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new CrossSiteRequestFilter(), BasicAuthenticationFilter.class)
                .addFilterBefore(new LoginThrottleFilter(throttle), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(rules::applyTo);
        if (jwt.getIfAvailable() == null || !basic.allowedAccounts().isEmpty()) {
            http.httpBasic(Customizer.withDefaults());
        }
        if (jwt.getIfAvailable() != null) {
            http.oauth2ResourceServer(server -> {
                server.jwt(j -> j.jwtAuthenticationConverter(jwtPolicy.converter()));
                BearerTokenProblems.applyTo(server);
            });
        }
        return http.build();
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
                .map(a -> User.withUsername(a.name()).password(a.password()).authorities(authorities(a)).build())
                .toList());
        return manager::loadUserByUsername;
    }

    private static List<GrantedAuthority> authorities(Accounts.Account account) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        account.roles().forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
        if (account.tool() != null && !account.tool().isBlank()) {
            authorities.add(CallerTool.authority(account.tool()));
        }
        return authorities;
    }
}
