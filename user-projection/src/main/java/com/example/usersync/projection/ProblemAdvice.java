package com.example.usersync.projection;

import com.example.usersync.platform.web.ProblemHandling;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The tool-sync service's refusals as problem details; the request-shape and framework refusals are
 * {@link ProblemHandling}'s.
 */
@RestControllerAdvice
class ProblemAdvice extends ProblemHandling {

    @ExceptionHandler(ApiProblem.class)
    ProblemDetail refused(ApiProblem problem) {
        return problem.type().problem(problem.getMessage());
    }
}
