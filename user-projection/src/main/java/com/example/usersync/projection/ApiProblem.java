package com.example.usersync.projection;

import com.example.usersync.platform.web.ProblemType;

/** A refusal of a {@link ProblemType}, mapped once to a problem detail. Messages hold no personal data. */
public class ApiProblem extends RuntimeException {

    private final ProblemType type;

    public ApiProblem(ProblemType type, String message) {
        super(message, null, false, false);
        this.type = type;
    }

    public ProblemType type() {
        return type;
    }
}
