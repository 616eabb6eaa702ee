package com.example.usersync.command.erasure;

/**
 * An erasure receipt that is not believed: it names a tool that is not required to confirm
 * erasures, or it comes from a caller that is not the tool it names. Nothing is recorded. The
 * message names the tool (a configuration name), never personal data.
 */
public class ReceiptRefused extends RuntimeException {

    public enum Reason {
        UNKNOWN_TOOL,
        NOT_THE_CALLERS_TOOL
    }

    private final Reason reason;

    private ReceiptRefused(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    static ReceiptRefused unknownTool(String tool) {
        return new ReceiptRefused(
                Reason.UNKNOWN_TOOL, "Tool '" + tool + "' is not among the tools that confirm erasures.");
    }

    static ReceiptRefused notTheCallersTool(String tool) {
        return new ReceiptRefused(
                Reason.NOT_THE_CALLERS_TOOL,
                "Only tool '" + tool + "' itself may confirm its erasures; this account is not that tool.");
    }

    public Reason reason() {
        return reason;
    }
}
