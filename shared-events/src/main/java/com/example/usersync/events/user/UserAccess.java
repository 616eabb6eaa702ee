package com.example.usersync.events.user;

import java.util.List;

/**
 * What a user may use: the plan and the downstream tools the user is entitled to.
 *
 * @param plan  the commercial plan
 * @param tools ids of the tools the user may use, sorted and without duplicates
 */
public record UserAccess(Plan plan, List<String> tools) {
    public UserAccess {
        tools = tools == null ? List.of() : tools.stream().distinct().sorted().toList();
    }
}
