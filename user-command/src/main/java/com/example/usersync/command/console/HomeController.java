package com.example.usersync.command.console;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The login form and the home page, which lists what the person's roles allow. */
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
}
