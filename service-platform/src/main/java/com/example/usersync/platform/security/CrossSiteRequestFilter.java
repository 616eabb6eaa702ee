package com.example.usersync.platform.security;

import com.example.usersync.platform.web.FilterProblems;
import com.example.usersync.platform.web.ProblemType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Set;

/**
 * CSRF defence for an API without cookies but with browser-cached basic credentials: a state-changing
 * request (anything but GET, HEAD, OPTIONS) must carry a JSON body or the {@value #HEADER} header;
 * either makes a browser send a CORS preflight, which this service never grants, so another site
 * cannot forge it. A request a browser marks as coming from another site ({@code Sec-Fetch-Site}) or
 * another origin ({@code Origin}) is refused outright. Refusals are 403 problem details.
 */
public class CrossSiteRequestFilter extends OncePerRequestFilter {

    /** Any value will do: browsers cannot add a custom header to a cross-site request without a preflight. */
    public static final String HEADER = "X-Requested-By";

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private static final Set<String> FOREIGN_SITES = Set.of("cross-site", "same-site");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (SAFE_METHODS.contains(request.getMethod())) {
            chain.doFilter(request, response);
        } else if (fromAnotherSite(request)) {
            FilterProblems.write(
                    response,
                    ProblemType.CROSS_SITE_REQUEST,
                    "State-changing requests from another site or origin are refused.");
        } else if (!hasJsonBody(request) && request.getHeader(HEADER) == null) {
            FilterProblems.write(
                    response,
                    ProblemType.MISSING_REQUEST_HEADER,
                    "A state-changing request without a JSON body must carry the " + HEADER + " header.");
        } else {
            chain.doFilter(request, response);
        }
    }

    private static boolean fromAnotherSite(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null && FOREIGN_SITES.contains(site.trim().toLowerCase())) {
            return true;
        }
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        return origin != null && !origin.equalsIgnoreCase(ownOrigin(request));
    }

    private static String ownOrigin(HttpServletRequest request) {
        String scheme = request.getScheme();
        int port = request.getServerPort();
        boolean defaultPort = ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        return scheme + "://" + request.getServerName() + (defaultPort ? "" : ":" + port);
    }

    private static boolean hasJsonBody(HttpServletRequest request) {
        String contentType = request.getContentType();
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return "application".equals(type.getType())
                    && ("json".equals(type.getSubtype()) || type.getSubtype().endsWith("+json"));
        } catch (IllegalArgumentException unparseable) {
            return false;
        }
    }
}
