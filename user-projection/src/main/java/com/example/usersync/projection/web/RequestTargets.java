package com.example.usersync.projection.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;

/** Whether the request an error page is rendered for names an endpoint, asked of Spring MVC's own mappings. */
enum RequestTargets {
    EXISTS, NO_SUCH_PATH, NO_SUCH_METHOD;

    static RequestTargets of(RequestMappingHandlerMapping handlers, HttpServletRequest errorRequest) {
        Object uri = errorRequest.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (!(uri instanceof String path)) {
            return EXISTS;
        }
        HttpServletRequest original = new Original(errorRequest, path);
        try {
            ServletRequestPathUtils.parseAndCache(original);
            return handlers.getHandler(original) == null ? NO_SUCH_PATH : EXISTS;
        } catch (HttpRequestMethodNotSupportedException wrongMethod) {
            return NO_SUCH_METHOD;
        } catch (Exception otherMismatch) {
            // Media type or parameter conditions: the endpoint exists.
            return EXISTS;
        }
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
