package com.example.usersync.platform.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.NonNull;
import org.springframework.lang.Nullable;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What both services' problem advice shares: every failure of the request's shape, and every
 * framework refusal, as an RFC 9457 problem detail with a {@link ProblemType}. Details name the
 * offending field or rule but never echo submitted values (they may be personal data) and never
 * expose internal classes. Each service's advice extends it with its own refusals.
 */
public abstract class ProblemHandling extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandling.class);

    @ExceptionHandler(InvalidCursor.class)
    ProblemDetail invalidCursor(InvalidCursor invalid) {
        return ProblemType.INVALID_CURSOR.problem(invalid.getMessage());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException mismatch) {
        String expected = mismatch.getRequiredType() == null
                ? "value"
                : mismatch.getRequiredType().getSimpleName();
        return ProblemType.INVALID_PARAMETER.problem(
                "Parameter '" + mismatch.getName() + "' must be a valid " + expected + ".");
    }

    /** A parameter outside its bounds on a {@code @Validated} controller (page, size, state, ...). */
    @ExceptionHandler(ConstraintViolationException.class)
    ProblemDetail invalidParameter(ConstraintViolationException invalid) {
        String detail = invalid.getConstraintViolations().stream()
                .map(violation -> parameter(violation.getPropertyPath().toString()) + ": " + violation.getMessage())
                .sorted()
                .collect(Collectors.joining("; "));
        return ProblemType.INVALID_PARAMETER.problem(detail);
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception exception) {
        log.error("Unhandled error", exception);
        return ProblemType.INTERNAL_ERROR.problem(
                "The request could not be completed. Quote the X-Correlation-Id response header when reporting this.");
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            @NonNull MethodArgumentNotValidException invalid,
            @NonNull HttpHeaders headers,
            @NonNull HttpStatusCode status,
            @NonNull WebRequest request) {
        List<Map<String, String>> errors = invalid.getBindingResult().getAllErrors().stream()
                .map(error -> Map.of(
                        "field",
                        error instanceof FieldError field ? field.getField() : error.getObjectName(),
                        "message",
                        String.valueOf(error.getDefaultMessage())))
                .toList();
        ProblemDetail problem = ProblemType.INVALID_REQUEST.problem(errors.stream()
                .map(e -> e.get("field") + ": " + e.get("message"))
                .sorted()
                .collect(Collectors.joining("; ")));
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            @NonNull HandlerMethodValidationException invalid,
            @NonNull HttpHeaders headers,
            @NonNull HttpStatusCode status,
            @NonNull WebRequest request) {
        String detail = invalid.getAllErrors().stream()
                .map(error -> String.valueOf(error.getDefaultMessage()))
                .sorted()
                .collect(Collectors.joining("; "));
        return ResponseEntity.badRequest().body(ProblemType.INVALID_REQUEST.problem(detail));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            @NonNull HttpMessageNotReadableException unreadable,
            @NonNull HttpHeaders headers,
            @NonNull HttpStatusCode status,
            @NonNull WebRequest request) {
        for (Throwable cause = unreadable; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodySizeFilter.BodyTooLarge tooLarge) {
                return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE)
                        .header(HttpHeaders.CONNECTION, "close")
                        .body(ProblemType.BODY_TOO_LARGE.problem(tooLarge.getMessage()));
            }
        }
        return ResponseEntity.badRequest().body(ProblemType.UNREADABLE_BODY.problem(describe(unreadable.getCause())));
    }

    /** Spring's own refusals (405, 406, 415, a missing parameter, ...) get our type instead of {@code about:blank}. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(
            @Nullable Object body,
            @NonNull HttpHeaders headers,
            @NonNull HttpStatusCode status,
            @NonNull WebRequest request) {
        if (body instanceof ProblemDetail problem
                && (problem.getType() == null
                        || "about:blank".equals(problem.getType().toString()))) {
            ProblemType type = ProblemType.forStatus(status);
            problem.setType(type.uri());
            problem.setTitle(type.title());
        }
        if (body instanceof ProblemDetail problem) {
            // Spring writes some bodies before it settles the status: a path variable blank after conversion is 400,
            // its body said 500.
            problem.setStatus(status.value());
        }
        return super.createResponseEntity(body, headers, status, request);
    }

    private static String describe(Throwable cause) {
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return "Unknown field '" + path(unknown) + "'.";
        }
        if (cause instanceof InvalidFormatException format
                && format.getTargetType() != null
                && format.getTargetType().isEnum()) {
            return "Field '" + path(format) + "' must be one of "
                    + Arrays.toString(format.getTargetType().getEnumConstants()) + ".";
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

    private static String parameter(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }
}
