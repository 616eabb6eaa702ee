package com.example.usersync.events.user;

/** The commercial plan a user is on; part of the user's access. */
public enum Plan {
    FREE,
    TEAM,
    BUSINESS,
    ENTERPRISE
}
