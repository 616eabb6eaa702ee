package com.example.usersync.command.web;

/** Who may do what. Accounts or JWTs grant these as roles. */
public final class Roles {

    /** Registers, changes and deletes users. */
    public static final String USER_ADMIN = "USER_ADMIN";
    /** Reads event logs, exports, erasures and the access log. */
    public static final String AUDITOR = "AUDITOR";
    /** Runs the tool-sync service: processors, replays, dead letters. */
    public static final String OPERATOR = "OPERATOR";
    /**
     * A tool's service account: bulk reads of users and snapshot runs; with a tool identity
     * ({@link CallerTool}) also that tool's erasure receipts.
     */
    public static final String TOOL_SERVICE = "TOOL_SERVICE";

    private Roles() {
    }
}
