package com.example.usersync.command.web;

import com.example.usersync.command.erasure.ReceiptRefused;
import com.example.usersync.command.user.ETags;
import com.example.usersync.command.user.UserRejected;
import com.example.usersync.platform.web.ProblemHandling;
import com.example.usersync.platform.web.ProblemType;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The user service's refusals as problem details; the request-shape and framework refusals are
 * {@link ProblemHandling}'s.
 */
@RestControllerAdvice
class ProblemAdvice extends ProblemHandling {

    @ExceptionHandler(UserRejected.class)
    ProblemDetail rejected(UserRejected rejection) {
        ProblemType type = switch (rejection.reason()) {
            case UNKNOWN_USER -> ProblemType.UNKNOWN_USER;
            case UNKNOWN_SNAPSHOT_RUN -> ProblemType.UNKNOWN_SNAPSHOT_RUN;
            case UNKNOWN_EXPORT -> ProblemType.UNKNOWN_EXPORT;
            case USER_ERASED -> ProblemType.USER_ERASED;
            case EMAIL_TAKEN -> ProblemType.EMAIL_TAKEN;
            case STALE_VERSION -> ProblemType.STALE_VERSION;
            case NOT_ERASED -> ProblemType.NOT_ERASED;
            case UNKNOWN_DELETION -> ProblemType.UNKNOWN_DELETION;
        };
        ProblemDetail problem = type.problem(rejection.getMessage());
        if (rejection.currentVersion() != null) {
            problem.setProperty("currentVersion", rejection.currentVersion());
        }
        return problem;
    }

    @ExceptionHandler(ReceiptRefused.class)
    ProblemDetail receiptRefused(ReceiptRefused refused) {
        return switch (refused.reason()) {
            case UNKNOWN_TOOL -> ProblemType.UNKNOWN_TOOL.problem(refused.getMessage());
            case NOT_THE_CALLERS_TOOL -> ProblemType.NOT_THIS_TOOL.problem(refused.getMessage());
        };
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ProblemDetail aggregateNotFound(AggregateNotFoundException notFound) {
        return ProblemType.UNKNOWN_USER.problem("User " + notFound.getAggregateIdentifier() + " does not exist.");
    }

    @ExceptionHandler(ConcurrencyException.class)
    ProblemDetail concurrentModification(ConcurrencyException conflict) {
        return ProblemType.CONCURRENT_MODIFICATION.problem(
                "The user was changed concurrently; read it again and retry.");
    }

    @ExceptionHandler(ETags.InvalidIfMatch.class)
    ProblemDetail invalidIfMatch(ETags.InvalidIfMatch invalid) {
        return ProblemType.INVALID_IF_MATCH.problem(invalid.getMessage());
    }
}
