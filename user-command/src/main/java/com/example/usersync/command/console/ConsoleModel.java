package com.example.usersync.command.console;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import java.util.List;
import java.util.Set;

/** What every console page shows in its header: who is logged in, with which roles, and the sections they may open. */
@ControllerAdvice(basePackageClasses = ConsoleModel.class)
class ConsoleModel {

    @ModelAttribute("navigation")
    List<ConsoleSection.Link> navigation(Authentication person) {
        return ConsoleSection.linksFor(person);
    }

    @ModelAttribute("account")
    String account(Authentication person) {
        return person == null ? null : person.getName();
    }

    @ModelAttribute("roles")
    Set<String> roles(Authentication person) {
        return ConsoleSection.rolesOf(person);
    }
}
