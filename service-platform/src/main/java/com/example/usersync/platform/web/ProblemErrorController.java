package com.example.usersync.platform.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.HandlerMapping;

import java.net.URI;

/**
 * Replaces Spring Boot's error page: every error that reaches {@code /error} (a filter's or the
 * container's {@code sendError}, a request for {@code /error} itself) is a problem detail, never
 * status 999 nor HTML. The security rules deny what they do not name, so an unknown path or method
 * arrives here as 403; it is answered as the 404 or 405 it is.
 */
@Hidden
@RestController
class ProblemErrorController implements ErrorController {

    private final ObjectProvider<HandlerMapping> handlers;

    ProblemErrorController(ObjectProvider<HandlerMapping> handlers) {
        this.handlers = handlers;
    }

    @RequestMapping(
            path = "${server.error.path:/error}",
            produces = {MediaType.APPLICATION_PROBLEM_JSON_VALUE, MediaType.ALL_VALUE})
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        // Asked for directly: there is no error, and no such resource.
        HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : HttpStatus.NOT_FOUND;
        if (status == null || status.value() < 400) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        if (status == HttpStatus.FORBIDDEN) {
            status = switch (RequestTargets.of(handlers.orderedStream(), request)) {
                case NO_SUCH_PATH -> HttpStatus.NOT_FOUND;
                case NO_SUCH_METHOD -> HttpStatus.METHOD_NOT_ALLOWED;
                case EXISTS -> HttpStatus.FORBIDDEN;
            };
        }
        ProblemDetail problem = ProblemType.forStatus(status).problem(status, detail(status));
        if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri) {
            try {
                problem.setInstance(URI.create(uri));
            } catch (IllegalArgumentException notAUri) {
                // Left out rather than echoed.
            }
        }
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static String detail(HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> "There is no such resource.";
            case METHOD_NOT_ALLOWED -> "The resource does not support this method.";
            case UNAUTHORIZED -> "Authentication is required.";
            case FORBIDDEN -> "The caller may not do this.";
            case PAYLOAD_TOO_LARGE -> "The request body is too large.";
            case REQUEST_HEADER_FIELDS_TOO_LARGE -> "The request headers are too large.";
            default ->
                status.is4xxClientError()
                        ? "The request could not be understood."
                        : "The request could not be completed. Quote the X-Correlation-Id response header when reporting this.";
        };
    }
}
