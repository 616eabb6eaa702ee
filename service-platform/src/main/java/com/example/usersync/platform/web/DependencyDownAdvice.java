package com.example.usersync.platform.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.client.ResourceAccessException;

import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/**
 * A dependency that is down or does not answer in time (a database, or the other service of this system) is the
 * server's temporary trouble, not a bug: 503 with a problem detail and {@code Retry-After}, never a
 * 500. Checked before every other handler, on the exception and on its causes (a connection failure
 * often arrives wrapped, e.g. in a command's or a transaction's exception).
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class DependencyDownAdvice {

    /** Seconds a client should wait before trying again. */
    static final String RETRY_AFTER_SECONDS = "10";

    private static final Logger log = LoggerFactory.getLogger(DependencyDownAdvice.class);

    @ExceptionHandler({
        ResourceAccessException.class,
        DataAccessResourceFailureException.class,
        CannotCreateTransactionException.class,
        SQLTransientConnectionException.class,
        SQLNonTransientConnectionException.class
    })
    ResponseEntity<ProblemDetail> dependencyDown(Exception down) {
        // The class only: messages of connection failures can quote URLs and SQL.
        log.warn("A dependency is unavailable: {}", down.getClass().getName());
        ProblemDetail problem = ProblemType.DEPENDENCY_UNAVAILABLE.problem(
                "A service this request depends on is unavailable or did not answer in time; retry later.");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .body(problem);
    }
}
