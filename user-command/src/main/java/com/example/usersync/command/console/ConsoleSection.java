package com.example.usersync.command.console;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static com.example.usersync.platform.security.Roles.AUDITOR;
import static com.example.usersync.platform.security.Roles.OPERATOR;
import static com.example.usersync.platform.security.Roles.USER_ADMIN;

/**
 * The console's sections and who may use them, written once: the console's security chain enforces
 * these rules on every request under a section's paths, and the navigation and home page show a
 * section only to the roles listed here.
 */
enum ConsoleSection {
    FIND_USER(
            "Find a user",
            "Look a user up by id or email.",
            "/console/users/find",
            List.of("/console/users/find"),
            AUDITOR,
            USER_ADMIN),
    USERS(
            "Users",
            "Current state, every tool's copy, the event timeline, exports.",
            null,
            List.of("/console/users/**", "/console/exports/**"),
            AUDITOR),
    ERASURES(
            "Erasures",
            "The erasure ledger, pending and overdue first; certificates.",
            "/console/erasures",
            List.of("/console/erasures/**", "/console/erasures"),
            AUDITOR),
    ACCESS_LOG(
            "Access log",
            "Who read whose personal data.",
            "/console/access-log",
            List.of("/console/access-log"),
            AUDITOR),
    USER_ADMIN_SECTION(
            "User admin",
            "Register, edit and delete users.",
            "/console/admin/users/new",
            List.of("/console/admin/users/**"),
            USER_ADMIN),
    PROCESSORS(
            "Tool processors",
            "Lag, replays, dead letters, snapshot runs and reconciliation.",
            "/console/operator",
            List.of("/console/operator", "/console/operator/**"),
            OPERATOR);

    private final String title;
    private final String summary;
    private final String link;
    private final List<String> paths;
    private final Set<String> roles;

    ConsoleSection(String title, String summary, String link, List<String> paths, String... roles) {
        this.title = title;
        this.summary = summary;
        this.link = link;
        this.paths = paths;
        this.roles = Set.of(roles);
    }

    /** One entry of the navigation. */
    record Link(String title, String summary, String href) {}

    String[] paths() {
        return paths.toArray(String[]::new);
    }

    String[] roles() {
        return roles.toArray(String[]::new);
    }

    boolean allows(Authentication person) {
        return person != null
                && person.getAuthorities().stream()
                        .map(GrantedAuthority::getAuthority)
                        .anyMatch(authority -> roles.contains(authority.replaceFirst("^ROLE_", "")));
    }

    /** The sections with a page of their own the person may open, in menu order. */
    static List<Link> linksFor(Authentication person) {
        return Arrays.stream(values())
                .filter(section -> section.link != null && section.allows(person))
                .map(section -> new Link(section.title, section.summary, section.link))
                .toList();
    }

    /** The person's roles, for the page header. */
    static Set<String> rolesOf(Authentication person) {
        return person == null
                ? Set.of()
                : person.getAuthorities().stream()
                        .map(GrantedAuthority::getAuthority)
                        .filter(authority -> authority.startsWith("ROLE_"))
                        .map(authority -> authority.substring("ROLE_".length()))
                        .collect(Collectors.toCollection(java.util.TreeSet::new));
    }
}
