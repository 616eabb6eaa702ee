package com.example.usersync.command.console;

import com.example.usersync.command.user.UserRejected;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;

import java.util.stream.Collectors;

/** A refused form in words: each field and the rule it broke, never the submitted value. */
final class FormProblems {

    private FormProblems() {}

    static String of(BindingResult invalid) {
        return invalid.getAllErrors().stream()
                .map(error -> error instanceof FieldError field
                        ? field.getField() + ": "
                                + (field.isBindingFailure() ? "not a valid value" : field.getDefaultMessage())
                        : error.getDefaultMessage())
                .sorted()
                .collect(Collectors.joining("; ", "Not saved. ", "."));
    }

    static String of(UserRejected rejected) {
        return switch (rejected.reason()) {
            case EMAIL_TAKEN -> "Not saved: this email address is in use by another user.";
            case USER_ERASED -> "Not saved: this user is erased.";
            case UNKNOWN_USER -> "Not saved: no user has this id.";
            case STALE_VERSION -> UserAdminController.CHANGED_MEANWHILE;
            default -> "Not saved: " + rejected.getMessage();
        };
    }
}
