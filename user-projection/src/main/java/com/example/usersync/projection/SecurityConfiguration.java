package com.example.usersync.projection;

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

/**
 * Health is open. Operators run processors, replays and dead letters; operators and auditors may
 * read what the tools hold. Basic auth, or JWTs with a {@code roles} claim when an issuer is set.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityConfiguration.Accounts.class)
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
        }
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, ObjectProvider<JwtDecoder> jwt) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health/**", "/error").permitAll()
                        .requestMatchers("/actuator/**", "/api/admin/**").hasRole(OPERATOR)
                        .requestMatchers(HttpMethod.GET, "/api/tools", "/api/tools/**").hasAnyRole(OPERATOR, AUDITOR)
                        .requestMatchers(HttpMethod.GET, "/api/access-log").hasRole(AUDITOR)
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
                .map(a -> User.withUsername(a.name()).password(a.password()).roles(a.roles().toArray(String[]::new)).build())
                .toList());
        return manager::loadUserByUsername;
    }
}
