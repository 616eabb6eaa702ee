package com.example.usersync.command.user;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Versions as entity tags: version 3 is {@code "3"}. */
public final class ETags {

    private static final Pattern TAG = Pattern.compile("(?:W/)?\"?(\\d{1,18})\"?");

    private ETags() {}

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The version an {@code If-Match} header asks for; null when absent or {@code *} (any version).
     *
     * @throws InvalidIfMatch when the header is not a single version tag
     */
    public static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        Matcher matcher = TAG.matcher(ifMatch.trim());
        if (!matcher.matches()) {
            throw new InvalidIfMatch();
        }
        return Long.parseLong(matcher.group(1));
    }

    public static class InvalidIfMatch extends RuntimeException {
        InvalidIfMatch() {
            super("If-Match must be a single entity tag holding a version, e.g. \"3\".", null, false, false);
        }
    }
}
