package com.example.usersync.projection;

import org.springframework.http.HttpStatus;

/** A refusal with its HTTP status, mapped once to a problem detail. Messages hold no personal data. */
public class ApiProblem extends RuntimeException {

    private final HttpStatus status;
    private final String type;

    private ApiProblem(HttpStatus status, String type, String message) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
    }

    public static ApiProblem notFound(String type, String message) {
        return new ApiProblem(HttpStatus.NOT_FOUND, type, message);
    }

    public static ApiProblem badRequest(String type, String message) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, type, message);
    }

    public static ApiProblem conflict(String type, String message) {
        return new ApiProblem(HttpStatus.CONFLICT, type, message);
    }

    public HttpStatus status() {
        return status;
    }

    public String type() {
        return type;
    }
}
