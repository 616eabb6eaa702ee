package com.example.usersync.command.console;

import com.example.usersync.command.user.UserRejected;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

/**
 * Refusals on console pages as a page for people (the API answers problem details): the status and
 * reason the API would give, in words, never echoing what was submitted.
 */
@ControllerAdvice(basePackageClasses = ConsoleErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleErrors {

    @ExceptionHandler(ConsoleNotFound.class)
    ModelAndView notFound(ConsoleNotFound notFound) {
        return page(HttpStatus.NOT_FOUND, "Not found", notFound.getMessage());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ModelAndView malformed(MethodArgumentTypeMismatchException malformed) {
        return page(HttpStatus.NOT_FOUND, "Not found", "This address names nothing the console knows.");
    }

    @ExceptionHandler(UserRejected.class)
    ModelAndView rejected(UserRejected rejected) {
        return switch (rejected.reason()) {
            case UNKNOWN_USER -> page(HttpStatus.NOT_FOUND, "Unknown user", "No user has this id.");
            case UNKNOWN_EXPORT ->
                page(HttpStatus.NOT_FOUND, "Unknown export", "The export has expired, or its user was erased.");
            case USER_ERASED -> page(HttpStatus.GONE, "Erased", "This user is erased.");
            default -> page(HttpStatus.CONFLICT, "Refused", rejected.getMessage());
        };
    }

    static ModelAndView page(HttpStatus status, String title, String detail) {
        ModelAndView page = new ModelAndView("console/error");
        page.setStatus(status);
        page.addObject("status", status.value());
        page.addObject("title", title);
        page.addObject("detail", detail);
        // Exception handlers' pages miss the @ModelAttribute methods: the header needs its model too.
        Authentication person = SecurityContextHolder.getContext().getAuthentication();
        page.addObject("navigation", ConsoleSection.linksFor(person));
        page.addObject("roles", ConsoleSection.rolesOf(person));
        page.addObject("account", person == null || !person.isAuthenticated() ? null : person.getName());
        return page;
    }
}
