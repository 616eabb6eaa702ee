package com.example.usersync.projection;

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
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

import java.util.List;

/**
 * Health is open. Operators run processors, replays and dead letters; operators and auditors may
 * read what the tools hold. Basic auth, or, when an issuer is set, JWTs for this service's audience
 * with the roles in a namespaced claim ({@link JwtPolicy}); basic auth is then limited to the accounts
 * in {@code user-sync.security.basic.allowed-accounts}. State-changing requests a browser could forge
 * are refused ({@link CrossSiteRequestFilter}), and so are logins of accounts and addresses with too
 * many failures ({@link LoginThrottleFilter}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SecurityConfiguration.Accounts.class, SecurityConfiguration.BasicAuth.class,
        JwtPolicy.class, LoginThrottle.Limits.class})
class SecurityConfiguration {

    static final String OPERATOR = "OPERATOR";
    static final String AUDITOR = "AUDITOR";

    /**
     * {@code tool} (optional) has the same meaning as in the user service, so one account list can
     * serve both; this service has no endpoint reserved to a tool, so here it grants nothing.
     */
    @ConfigurationProperties("user-sync.security")
    record Accounts(List<Account> accounts) {
        /** None when JWTs alone are used (outside dev there is no default list). */
        public Accounts {
            accounts = accounts == null ? List.of() : accounts;
        }

        record Account(String name, String password, List<String> roles, String tool) {
            /** Without the password hash (frameworks log bound properties at DEBUG). */
            @Override
            public String toString() {
                return "Account[name=" + name + ", password=" + (password == null ? null : "[redacted]") + ", roles=" + roles + ", tool=" + tool + "]";
            }
        }
    }

    /** With a JWT issuer, basic auth is refused except for these accounts; without one, every account may log in. */
    @ConfigurationProperties("user-sync.security.basic")
    record BasicAuth(@DefaultValue List<String> allowedAccounts) {
    }

    /** Who may call what; the API document names each operation's roles from these rules. */
    @Bean
    static AccessRules accessRules() {
        return new AccessRules()
                .open("/actuator/health/**", "/error", "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui/**", "/swagger-ui.html")
                .allow(List.of("/actuator/**", "/api/admin/**"), OPERATOR)
                .allow(HttpMethod.GET, List.of("/api/tools", "/api/tools/**"), OPERATOR, AUDITOR)
                .allow(HttpMethod.GET, List.of("/api/access-log"), AUDITOR);
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
                .map(a -> User.withUsername(a.name()).password(a.password()).roles(a.roles().toArray(String[]::new)).build())
                .toList());
        return manager::loadUserByUsername;
    }
}
