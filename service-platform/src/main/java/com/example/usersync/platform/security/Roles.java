package com.example.usersync.platform.security;

/** Who may do what. Accounts or JWTs grant these as roles. */
public final class Roles {

    /** Registers, changes and deletes users. */
    public static final String USER_ADMIN = "USER_ADMIN";
    /** Reads event logs, exports, erasures, what the tools hold and the access logs. */
    public static final String AUDITOR = "AUDITOR";
    /** Runs the tool-sync service: processors, replays, dead letters. */
    public static final String OPERATOR = "OPERATOR";
    /**
     * A tool's service account: bulk reads of users and snapshot runs; with a tool identity
     * ({@link CallerTool}) also that tool's erasure receipts.
     */
    public static final String TOOL_SERVICE = "TOOL_SERVICE";

    private Roles() {}
}
