package com.example.usersync.command.web;

import com.example.usersync.platform.web.InvalidCursor;
import com.example.usersync.platform.web.BodySizeFilter;
import com.example.usersync.command.erasure.ReceiptRefused;
import com.example.usersync.command.user.UserRejected;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.NonNull;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Maps every failure to an RFC 9457 problem detail, once. Details name the offending field or rule
 * but never echo submitted values (they may be personal data) and never expose internal classes.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);
    private static final String TYPE_BASE = "urn:user-sync:problem:";

    @ExceptionHandler(UserRejected.class)
    ProblemDetail rejected(UserRejected rejection) {
        ProblemDetail problem = switch (rejection.reason()) {
            case UNKNOWN_USER -> problem(HttpStatus.NOT_FOUND, "unknown-user", "Unknown user", rejection.getMessage());
            case UNKNOWN_SNAPSHOT_RUN -> problem(HttpStatus.NOT_FOUND, "unknown-snapshot-run", "Unknown snapshot run", rejection.getMessage());
            case UNKNOWN_EXPORT -> problem(HttpStatus.NOT_FOUND, "unknown-export", "Unknown export", rejection.getMessage());
            case USER_ERASED -> problem(HttpStatus.GONE, "user-erased", "User erased", rejection.getMessage());
            case EMAIL_TAKEN -> problem(HttpStatus.CONFLICT, "email-taken", "Email already in use", rejection.getMessage());
            case STALE_VERSION -> problem(HttpStatus.PRECONDITION_FAILED, "stale-version", "Stale version", rejection.getMessage());
            case NOT_ERASED -> problem(HttpStatus.CONFLICT, "not-erased", "User not deleted", rejection.getMessage());
            case UNKNOWN_DELETION -> problem(HttpStatus.CONFLICT, "unknown-deletion", "Unknown deletion", rejection.getMessage());
        };
        if (rejection.currentVersion() != null) {
            problem.setProperty("currentVersion", rejection.currentVersion());
        }
        return problem;
    }

    @ExceptionHandler(ReceiptRefused.class)
    ProblemDetail receiptRefused(ReceiptRefused refused) {
        return switch (refused.reason()) {
            case UNKNOWN_TOOL -> problem(HttpStatus.NOT_FOUND, "unknown-tool", "Unknown tool", refused.getMessage());
            case NOT_THE_CALLERS_TOOL -> problem(HttpStatus.FORBIDDEN, "not-this-tool", "Not this tool's account", refused.getMessage());
        };
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ProblemDetail aggregateNotFound(AggregateNotFoundException notFound) {
        return problem(HttpStatus.NOT_FOUND, "unknown-user", "Unknown user",
                "User " + notFound.getAggregateIdentifier() + " does not exist.");
    }

    @ExceptionHandler(ConcurrencyException.class)
    ProblemDetail concurrentModification(ConcurrencyException conflict) {
        return problem(HttpStatus.CONFLICT, "concurrent-modification", "Concurrent modification",
                "The user was changed concurrently; read it again and retry.");
    }

    @ExceptionHandler(ETags.InvalidIfMatch.class)
    ProblemDetail invalidIfMatch(ETags.InvalidIfMatch invalid) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-if-match", "Invalid If-Match header", invalid.getMessage());
    }

    @ExceptionHandler(InvalidCursor.class)
    ProblemDetail invalidCursor(InvalidCursor invalid) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-cursor", "Invalid cursor", invalid.getMessage());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException mismatch) {
        String expected = mismatch.getRequiredType() == null ? "value" : mismatch.getRequiredType().getSimpleName();
        return problem(HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid parameter",
                "Parameter '" + mismatch.getName() + "' must be a valid " + expected + ".");
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception exception) {
        log.error("Unhandled error", exception);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "The request could not be completed. Quote the X-Correlation-Id response header when reporting this.");
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(@NonNull MethodArgumentNotValidException invalid,
                                                                  @NonNull HttpHeaders headers,
                                                                  @NonNull HttpStatusCode status,
                                                                  @NonNull WebRequest request) {
        List<Map<String, String>> errors = invalid.getBindingResult().getAllErrors().stream()
                .map(error -> Map.of(
                        "field", error instanceof FieldError field ? field.getField() : error.getObjectName(),
                        "message", String.valueOf(error.getDefaultMessage())))
                .toList();
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                errors.stream().map(e -> e.get("field") + ": " + e.get("message")).sorted().collect(Collectors.joining("; ")));
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(@NonNull HandlerMethodValidationException invalid,
                                                                            @NonNull HttpHeaders headers,
                                                                            @NonNull HttpStatusCode status,
                                                                            @NonNull WebRequest request) {
        String detail = invalid.getAllErrors().stream()
                .map(error -> String.valueOf(error.getDefaultMessage()))
                .sorted()
                .collect(Collectors.joining("; "));
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", detail));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(@NonNull HttpMessageNotReadableException unreadable,
                                                                  @NonNull HttpHeaders headers,
                                                                  @NonNull HttpStatusCode status,
                                                                  @NonNull WebRequest request) {
        for (Throwable cause = unreadable; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodySizeFilter.BodyTooLarge tooLarge) {
                return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).header(HttpHeaders.CONNECTION, "close")
                        .body(problem(HttpStatus.PAYLOAD_TOO_LARGE, "body-too-large", "Payload Too Large", tooLarge.getMessage()));
            }
        }
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "unreadable-body", "Unreadable request body",
                describe(unreadable.getCause())));
    }

    private static String describe(Throwable cause) {
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return "Unknown field '" + path(unknown) + "'.";
        }
        if (cause instanceof InvalidFormatException format && format.getTargetType() != null && format.getTargetType().isEnum()) {
            return "Field '" + path(format) + "' must be one of " + Arrays.toString(format.getTargetType().getEnumConstants()) + ".";
        }
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return "Field '" + path(mapping) + "' has the wrong type or shape.";
        }
        return "The request body is missing or is not well-formed JSON.";
    }

    private static String path(JsonMappingException mapping) {
        return mapping.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + type));
        problem.setTitle(title);
        return problem;
    }
}
