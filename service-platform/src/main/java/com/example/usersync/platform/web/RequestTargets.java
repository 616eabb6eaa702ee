package com.example.usersync.platform.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.resource.ResourceHttpRequestHandler;
import org.springframework.web.util.ServletRequestPathUtils;

import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/** Whether the request an error page is rendered for names an endpoint, asked of Spring MVC's own mappings. */
enum RequestTargets {
    EXISTS,
    NO_SUCH_PATH,
    NO_SUCH_METHOD;

    /** @param mappings every handler mapping (controllers, actuator endpoints, ...) in order */
    static RequestTargets of(Stream<HandlerMapping> mappings, HttpServletRequest errorRequest) {
        Object uri = errorRequest.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (!(uri instanceof String path)) {
            return EXISTS;
        }
        HttpServletRequest original = new Original(errorRequest, path);
        ServletRequestPathUtils.parseAndCache(original);
        boolean otherMethods = false;
        for (HandlerMapping mapping : (Iterable<HandlerMapping>) mappings::iterator) {
            try {
                HandlerExecutionChain chain = mapping.getHandler(original);
                // Static resources match any path: they do not make an API path exist.
                if (chain != null && !(chain.getHandler() instanceof ResourceHttpRequestHandler)) {
                    return EXISTS;
                }
            } catch (HttpRequestMethodNotSupportedException wrongMethod) {
                otherMethods = true;
            } catch (Exception otherMismatch) {
                // Media type or parameter conditions: the endpoint exists.
                return EXISTS;
            }
        }
        return otherMethods ? NO_SUCH_METHOD : NO_SUCH_PATH;
    }

    /** The request as it was before the error dispatch, with attributes of its own. */
    private static final class Original extends HttpServletRequestWrapper {
        private final String path;
        private final Map<String, Object> attributes = new HashMap<>();

        Original(HttpServletRequest request, String path) {
            super(request);
            this.path = path;
        }

        @Override
        public String getRequestURI() {
            return path;
        }

        @Override
        public String getServletPath() {
            return path.substring(getContextPath().length());
        }

        @Override
        public String getPathInfo() {
            return null;
        }

        @Override
        public DispatcherType getDispatcherType() {
            return DispatcherType.REQUEST;
        }

        @Override
        public Object getAttribute(String name) {
            return attributes.get(name);
        }

        @Override
        public Enumeration<String> getAttributeNames() {
            return Collections.enumeration(attributes.keySet());
        }

        @Override
        public void setAttribute(String name, Object value) {
            attributes.put(name, value);
        }

        @Override
        public void removeAttribute(String name) {
            attributes.remove(name);
        }
    }
}
