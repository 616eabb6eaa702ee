package com.example.usersync.command.console;

import com.example.usersync.platform.security.LoginThrottle;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * The API's login throttle for the console's login form: a throttled account or address is sent
 * back to the form with a message, before the password is looked at. Failures count in the same
 * buckets as failed basic logins (the throttle listens to Spring Security's failure events).
 */
class FormLoginThrottleFilter extends OncePerRequestFilter {

    private final LoginThrottle throttle;
    private final String loginPath;

    FormLoginThrottleFilter(LoginThrottle throttle, String loginPath) {
        this.throttle = throttle;
        this.loginPath = loginPath;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String account = request.getParameter("username");
        if ("POST".equals(request.getMethod())
                && (request.getContextPath() + loginPath).equals(request.getRequestURI())
                && account != null
                && throttle.backOff(account, request.getRemoteAddr()).isPresent()) {
            response.sendRedirect(request.getContextPath() + loginPath + "?throttled");
            return;
        }
        chain.doFilter(request, response);
    }
}
