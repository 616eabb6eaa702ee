package com.example.usersync.command.console;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * The login form, the home page, which lists what the person's roles allow, and the page of a refusal
 * by the console's security chain (a role that may not, a form without a valid CSRF token).
 */
@Controller
class HomeController {

    @GetMapping(ConsoleSecurityConfiguration.LOGIN)
    String login() {
        return "console/login";
    }

    @GetMapping({"/console", "/console/"})
    String home() {
        return "console/home";
    }

    /** Forwarded to by the console chain's access-denied handler, for any method: status 403. */
    @RequestMapping(ConsoleSecurityConfiguration.FORBIDDEN)
    ModelAndView forbidden(HttpServletRequest request) {
        if (request.getAttribute(WebAttributes.ACCESS_DENIED_403) instanceof CsrfException) {
            return ConsoleErrors.page(
                    HttpStatus.FORBIDDEN,
                    "Form expired",
                    "The form was sent without a valid session token, for instance after logging in again "
                            + "elsewhere: reload the page and send it again.");
        }
        return ConsoleErrors.page(HttpStatus.FORBIDDEN, "Not allowed", "Your roles do not allow this page or action.");
    }
}
