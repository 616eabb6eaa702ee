package com.example.usersync.command.console;

import com.example.usersync.platform.security.LoginThrottle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * The console's own chain, ahead of the API's: form login with a session cookie for
 * {@code /console/**} only, with the same accounts as the API (the platform's user details), CSRF
 * tokens on every state-changing request (forms carry the hidden field, htmx the header from the
 * page's meta tags), and each section open only to the roles {@link ConsoleSection} names. The API
 * chain is untouched: stateless basic or JWT, no cookie.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurityConfiguration {

    static final String LOGIN = "/console/login";
    static final String FORBIDDEN = "/console/forbidden";

    @Bean
    @Order(1)
    SecurityFilterChain console(HttpSecurity http, LoginThrottle throttle) throws Exception {
        http.securityMatcher("/console", "/console/**")
                .authorizeHttpRequests(requests -> {
                    requests.requestMatchers(LOGIN, "/console/assets/**", "/console/webjars/**")
                            .permitAll();
                    for (ConsoleSection section : ConsoleSection.values()) {
                        requests.requestMatchers(section.paths()).hasAnyRole(section.roles());
                    }
                    requests.requestMatchers("/console", "/console/", FORBIDDEN).authenticated();
                    requests.anyRequest().denyAll();
                })
                .formLogin(form -> form.loginPage(LOGIN)
                        .loginProcessingUrl(LOGIN)
                        .defaultSuccessUrl("/console", true)
                        .failureUrl(LOGIN + "?error")
                        .permitAll())
                .logout(logout -> logout.logoutUrl("/console/logout")
                        .logoutSuccessUrl(LOGIN + "?logout")
                        .deleteCookies("JSESSIONID"))
                .exceptionHandling(refused -> refused.accessDeniedHandler(forbiddenPage()))
                .addFilterBefore(
                        new FormLoginThrottleFilter(throttle, LOGIN), UsernamePasswordAuthenticationFilter.class)
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self';"
                                        + " frame-ancestors 'none'; form-action 'self'; base-uri 'none'"))
                        .referrerPolicy(
                                referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    /** A refusal as a page with the console's header, status 403 (Spring's default is a bare error). */
    private static AccessDeniedHandler forbiddenPage() {
        AccessDeniedHandlerImpl handler = new AccessDeniedHandlerImpl();
        handler.setErrorPage(FORBIDDEN);
        return handler;
    }
}
