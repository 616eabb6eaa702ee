package com.example.usersync.platform.security;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.web.util.pattern.PathPatternParser;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who may call what, written once: the security chain enforces these rules in order (first match
 * wins, anything else is denied) and the API document names, per operation, the roles its rule
 * requires. So a gateway or a generated client reads the same rule the server applies.
 */
public final class AccessRules {

    /** One rule; {@code method} {@code null} for every method, {@code roles} empty for public. */
    public record Rule(HttpMethod method, List<String> patterns, List<String> roles) {

        boolean matches(HttpMethod requestMethod, String path) {
            return (method == null || method.equals(requestMethod))
                    && patterns.stream()
                            .anyMatch(pattern -> PathPatternParser.defaultInstance
                                    .parse(pattern)
                                    .matches(PathContainer.parsePath(path)));
        }
    }

    private final List<Rule> rules = new ArrayList<>();

    /**
     * Rules that start with what every service opens to anyone: its health, the error page, its API
     * document and Swagger UI. A service adds its own rules after these.
     */
    public static AccessRules withPublicPlatformEndpoints() {
        return new AccessRules()
                .open(
                        "/actuator/health/**",
                        "/error",
                        "/v3/api-docs",
                        "/v3/api-docs/**",
                        "/v3/api-docs.yaml",
                        "/swagger-ui/**",
                        "/swagger-ui.html");
    }

    public AccessRules open(String... patterns) {
        rules.add(new Rule(null, List.of(patterns), List.of()));
        return this;
    }

    public AccessRules allow(HttpMethod method, List<String> patterns, String... roles) {
        rules.add(new Rule(method, List.copyOf(patterns), List.of(roles)));
        return this;
    }

    public AccessRules allow(List<String> patterns, String... roles) {
        return allow(null, patterns, roles);
    }

    /** Registers the rules, then denies everything else. */
    public void applyTo(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests) {
        for (Rule rule : rules) {
            String[] patterns = rule.patterns().toArray(String[]::new);
            var matched = rule.method() == null
                    ? requests.requestMatchers(patterns)
                    : requests.requestMatchers(rule.method(), patterns);
            if (rule.roles().isEmpty()) {
                matched.permitAll();
            } else {
                matched.hasAnyRole(rule.roles().toArray(String[]::new));
            }
        }
        requests.anyRequest().denyAll();
    }

    /**
     * The rule that decides a request; a path template's variables ({@code /api/users/{id}}) match
     * like any one segment. Empty when no rule matches (the request is denied).
     */
    public Optional<Rule> ruleFor(HttpMethod method, String pathTemplate) {
        String path = pathTemplate.replaceAll("\\{([^}/]+)}", "$1");
        return rules.stream().filter(rule -> rule.matches(method, path)).findFirst();
    }
}
