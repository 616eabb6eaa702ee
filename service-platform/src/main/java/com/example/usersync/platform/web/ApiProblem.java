package com.example.usersync.platform.web;

import org.springframework.web.ErrorResponseException;

/**
 * A refusal of a {@link ProblemType}: Spring's {@link ErrorResponseException} with our problem
 * detail as its body, so {@link ProblemHandling} answers it like any framework refusal. Messages
 * hold no personal data.
 */
public class ApiProblem extends ErrorResponseException {

    private final ProblemType type;

    public ApiProblem(ProblemType type, String message) {
        super(type.status(), type.problem(message), null);
        this.type = type;
    }

    public ProblemType type() {
        return type;
    }

    /** The problem's detail, as the client reads it. */
    @Override
    public String getMessage() {
        return getBody().getDetail();
    }

    /** An answer, not a fault: no stack trace to fill (refusals can be frequent). */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
