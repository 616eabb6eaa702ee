package com.example.usersync.command.console;

import com.example.usersync.command.user.UserDirectory;
import com.example.usersync.platform.security.Roles;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.Optional;
import java.util.UUID;

/**
 * Finds one user by id or by email. The email goes in a POST body, never in a URL, and is looked up
 * exactly through the email claim; the answer is a redirect to the user's page by id.
 */
@Controller
class UserLookupController {

    private final UserDirectory directory;

    UserLookupController(UserDirectory directory) {
        this.directory = directory;
    }

    @GetMapping("/console/users/find")
    String form() {
        return "console/find";
    }

    @PostMapping("/console/users/find")
    String find(@RequestParam(defaultValue = "") String query, Authentication person, Model model) {
        Optional<UUID> found = idOf(query.trim());
        if (found.isEmpty() || directory.presence(found.get()) == UserDirectory.Presence.UNKNOWN) {
            // The query is not echoed back: it may be an email address.
            model.addAttribute("problem", "No user has that id or email address.");
            return "console/find";
        }
        boolean auditor = ConsoleSection.USERS.allows(person);
        return "redirect:" + (auditor ? "/console/users/" : "/console/admin/users/") + found.get();
    }

    private Optional<UUID> idOf(String query) {
        try {
            return Optional.of(UUID.fromString(query));
        } catch (IllegalArgumentException notAnId) {
            return query.contains("@") ? directory.holderOfEmail(query) : Optional.empty();
        }
    }

    /** Roles that may look users up: the auditor reads them, the user admin edits them. */
    static final String[] ROLES = {Roles.AUDITOR, Roles.USER_ADMIN};
}
