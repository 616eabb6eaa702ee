package com.example.usersync.platform.security;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.resource.OAuth2ResourceServerConfigurer;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;

/**
 * Spring's refusals of bearer tokens answer 401 and 403 with a {@code WWW-Authenticate} header and no
 * body; these keep the header and add the problem detail every other refusal has (the error page writes it).
 */
public final class BearerTokenProblems {

    private BearerTokenProblems() {}

    public static void applyTo(OAuth2ResourceServerConfigurer<?> server) {
        BearerTokenAuthenticationEntryPoint unauthorized = new BearerTokenAuthenticationEntryPoint();
        BearerTokenAccessDeniedHandler forbidden = new BearerTokenAccessDeniedHandler();
        server.authenticationEntryPoint((request, response, failure) -> {
                    unauthorized.commence(request, response, failure);
                    response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
                })
                .accessDeniedHandler((request, response, denied) -> {
                    forbidden.handle(request, response, denied);
                    response.sendError(HttpServletResponse.SC_FORBIDDEN);
                });
    }
}
