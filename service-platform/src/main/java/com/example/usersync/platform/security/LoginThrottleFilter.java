package com.example.usersync.platform.security;

import com.example.usersync.platform.web.FilterProblems;
import com.example.usersync.platform.web.ProblemType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.www.BasicAuthenticationConverter;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * Answers a basic-auth login for a throttled account or address with 429 and {@code Retry-After},
 * before the password is looked at. Requests without basic credentials pass untouched.
 */
public class LoginThrottleFilter extends OncePerRequestFilter {

    private final LoginThrottle throttle;
    private final BasicAuthenticationConverter credentials = new BasicAuthenticationConverter();

    public LoginThrottleFilter(LoginThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Duration> backOff =
                account(request).flatMap(account -> throttle.backOff(account, request.getRemoteAddr()));
        if (backOff.isPresent()) {
            long seconds = Math.max(1, (backOff.get().toMillis() + 999) / 1000);
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
            FilterProblems.write(
                    response,
                    ProblemType.TOO_MANY_FAILED_LOGINS,
                    "Too many failed logins for this account or from this address; retry after " + seconds + " s.");
            return;
        }
        chain.doFilter(request, response);
    }

    private Optional<String> account(HttpServletRequest request) {
        try {
            return Optional.ofNullable(credentials.convert(request)).map(token -> token.getName());
        } catch (AuthenticationException malformed) {
            return Optional.empty();
        }
    }
}
